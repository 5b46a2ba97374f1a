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
    public async Task Every_accepted_payment_on_the_stream_gets_exactly_one_job_in_sqs_even_after_a_failed_send()
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
        var flaky = new FlakyOnce(new SqsPaymentJobQueue(sqs, queues.QueueUrl), ids[2]);
        var handler = new StreamsConsumerHandler(new PaymentJobDispatch(flaky));

        var first = await handler.Handle(LambdaStreamsEvents.Json(records), CancellationToken.None);
        var retried = records.Where(r => first.BatchItemFailures.Any(f => f.ItemIdentifier == r.Dynamodb!.SequenceNumber)).ToList();
        var second = await handler.Handle(LambdaStreamsEvents.Json(retried), CancellationToken.None);

        Assert.Single(first.BatchItemFailures);
        Assert.Empty(second.BatchItemFailures);
        var queue = new SqsPaymentJobQueue(sqs, queues.QueueUrl);
        var jobs = new List<Guid>();
        while (await queue.Receive(TimeSpan.FromSeconds(1), CancellationToken.None) is { } receipt)
        {
            jobs.Add(PaymentJob.TryParse(receipt.Body, out _)!.PaymentId);
            await queue.Complete(receipt, CancellationToken.None);
        }

        Assert.Equal(ids.Order(), jobs.Order());
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
