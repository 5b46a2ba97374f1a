using System.Globalization;
using Amazon.SQS;
using Amazon.SQS.Model;
using Payments.Domain.Requests;
using Payments.EventStore.Contract;
using Payments.Application.Jobs;
using Payments.Aws.Sqs;
using Payments.Application.Jobs.Dispatch;
using Payments.Aws.Streams;
using Payments.Application.Ledger;
using Payments.TestServices;

namespace Payments.Aws.Tests.Streams;

/// <summary>
/// The cloud outbox over real parts: payments accepted through the DynamoDB store, the real stream
/// read back from DynamoDB Local, fed in Lambda's shape to the enqueuer, jobs landing in fauxqs.
/// </summary>
public sealed class StreamsJobEnqueuerEndToEndTests(StreamsEndToEndFixture dynamo, Fauxqs fauxqs)
    : IClassFixture<StreamsEndToEndFixture>, IClassFixture<Fauxqs>
{
    [Fact]
    public async Task Batch_retried_from_the_failed_send_as_lambda_does_leaves_exactly_one_job_per_payment_in_sqs()
    {
        var ledger = new PaymentLedger(dynamo.Store, TimeProvider.System);
        var ids = new List<Guid>();
        for (var i = 0; i < 6; i++)
        {
            PaymentRequestValidator.Validate(new PaymentRequest(10m + i, "GBP", "GB-SRC-" + i, "GB-DST-" + i), out var request);
            var accepted = (RequestOutcome.Accepted)await ledger.Request("client_a", IdempotencyKey.Parse("outbox-" + Guid.NewGuid()), request!, new EventMetadata("c", null, "test"), CancellationToken.None);
            ids.Add(accepted.Payment.PaymentId);
        }

        using var reader = new DynamoDbStreamsReader(dynamo.Local.ServiceUrl);
        var mine = ids.Select(id => id.ToString("D")).ToHashSet();
        var records = (await reader.ReadAll(dynamo.StreamArn)).Where(r => mine.Contains(r.Dynamodb!.Keys!["payment_id"].S!)).ToList();
        using var sqs = fauxqs.Client();
        var queues = await SqsPaymentQueues.Ensure(sqs, "outbox-" + Guid.NewGuid().ToString("N")[..12], null, CancellationToken.None);
        var victim = records.FindIndex(r => r.Dynamodb!.Keys!["payment_id"].S == ids[2].ToString("D"));
        var flaky = new FlakyOnce(new SqsPaymentJobQueue(sqs, queues.QueueUrl), ids[2]);
        var handler = new StreamsConsumerHandler(new PaymentJobDispatch(flaky));

        var first = await handler.Handle(LambdaStreamsEvents.Json(records), CancellationToken.None);
        var sentBeforeTheFault = await Drain(sqs, queues.QueueUrl);
        // Lambda checkpoints at the lowest reported sequence number and resends everything from there.
        var checkpoint = first.BatchItemFailures.Min(f => decimal.Parse(f.ItemIdentifier, CultureInfo.InvariantCulture));
        var resent = records.Where(r => decimal.Parse(r.Dynamodb!.SequenceNumber!, CultureInfo.InvariantCulture) >= checkpoint).ToList();
        var second = await handler.Handle(LambdaStreamsEvents.Json(resent), CancellationToken.None);
        var sentOnRetry = await Drain(sqs, queues.QueueUrl);

        var jobs = sentBeforeTheFault.Concat(sentOnRetry).ToList();
        Assert.Equal(ids.Order(), jobs.Select(j => j.Job.PaymentId).Order());
        Assert.Equal(records.Skip(victim).Select(r => r.Dynamodb!.SequenceNumber), first.BatchItemFailures.Select(f => f.ItemIdentifier));
        Assert.Empty(second.BatchItemFailures);
        Assert.Equal(records.Count - victim, resent.Count);
        Assert.All(jobs, j => Assert.Equal(PaymentJob.IdFor(j.Job.PaymentId, 1), j.Job.JobId));
        Assert.All(jobs, j => Assert.Equal(j.Job.JobId, j.Attribute));
    }

    /// <summary>Every job on the queue with its job id message attribute, deleting each.</summary>
    private static async Task<List<(PaymentJob Job, string? Attribute)>> Drain(IAmazonSQS sqs, string queueUrl)
    {
        var jobs = new List<(PaymentJob, string?)>();
        while (true)
        {
            var response = await sqs.ReceiveMessageAsync(new ReceiveMessageRequest
            {
                QueueUrl = queueUrl,
                MaxNumberOfMessages = 10,
                WaitTimeSeconds = 1,
                MessageAttributeNames = ["All"],
            });
            if (response.Messages is not { Count: > 0 } messages)
            {
                return jobs;
            }

            foreach (var message in messages)
            {
                var attribute = message.MessageAttributes is { } attributes && attributes.TryGetValue(SqsPaymentJobQueue.JobIdAttribute, out var value) ? value.StringValue : null;
                jobs.Add((PaymentJob.TryParse(message.Body, out _)!, attribute));
                await sqs.DeleteMessageAsync(queueUrl, message.ReceiptHandle);
            }
        }
    }

    /// <summary>The first send for one payment fails as if SQS were unreachable.</summary>
    private sealed class FlakyOnce(IJobOutbox inner, Guid victim) : IJobOutbox
    {
        private bool _failed;

        public Task Dispatch(IReadOnlyList<PaymentJob> jobs, CancellationToken cancellationToken)
        {
            if (!_failed && jobs.Any(j => j.PaymentId == victim))
            {
                _failed = true;
                throw new HttpRequestException("SQS unreachable");
            }

            return inner.Dispatch(jobs, cancellationToken);
        }
    }
}
