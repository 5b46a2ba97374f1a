using Microsoft.Extensions.Logging.Abstractions;
using Payments.Domain.State;
using Payments.Application.Jobs;
using Payments.Aws.Sqs;
using Payments.TestServices;
using static Payments.TestServices.ScriptedRamps;

namespace Payments.Aws.Tests.Sqs;

/// <summary>The worker Lambda's contract with SQS, with fauxqs standing in for the event source mapping.</summary>
public sealed class WorkerLambdaOverSqsTests(Fauxqs fauxqs) : IClassFixture<Fauxqs>
{
    [Fact]
    public async Task Payment_whose_ramp_stays_down_is_failed_on_the_third_receive_and_its_job_dead_lettered()
    {
        using var sqs = fauxqs.Client();
        var queues = await SqsPaymentQueues.Ensure(
            sqs, "payments-" + Guid.NewGuid().ToString("N")[..12], new(StringComparer.Ordinal) { ["VisibilityTimeout"] = "1" }, CancellationToken.None);
        var queue = new SqsPaymentJobQueue(sqs, queues.QueueUrl);
        await using var worker = WorkerHarness.Create();
        for (var call = 0; call < 9; call++)
        {
            worker.Ramps.OnRamp(Unavailable());
        }

        var id = await worker.Fixture.RequestPayment();
        await queue.Enqueue(new PaymentJob(id), CancellationToken.None);
        var lambda = new PaymentJobLambdaHandler(worker.Handler, queue, NullLogger<PaymentJobLambdaHandler>.Instance);

        for (var receive = 1; receive <= 3; receive++)
        {
            var receipt = await ReceiveEventually(queue);
            Assert.Equal(receive, receipt.ReceiveCount);
            var response = await worker.Fixture.Time.Pump(lambda.Handle(AsLambdaEvent(receipt, queues.QueueUrl), CancellationToken.None));
            Assert.Equal(receipt.MessageId, Assert.Single(response.BatchItemFailures).ItemIdentifier);
        }

        Assert.Equal(PaymentStatus.Failed, (await worker.Fixture.Load(id)).Status);

        // SQS moves a message to the DLQ when a receive would exceed maxReceiveCount; the event source mapping polls all the time.
        Assert.Null(await queue.Receive(TimeSpan.FromSeconds(1), CancellationToken.None));
        var dead = await ReceiveEventually(new SqsPaymentJobQueue(sqs, queues.DeadLetterQueueUrl));
        Assert.Equal(id, PaymentJob.TryParse(dead.Body, out _)!.PaymentId);
    }

    private static SqsEvent AsLambdaEvent(JobReceipt receipt, string queueUrl) => new(
    [
        new SqsMessageRecord(
            receipt.MessageId,
            receipt.ReceiptHandle,
            receipt.Body,
            new SqsRecordAttributes(receipt.ReceiveCount.ToString(System.Globalization.CultureInfo.InvariantCulture), "0", "test", "0", null),
            null,
            null,
            "aws:sqs",
            "arn:aws:sqs:us-east-1:000000000000:" + queueUrl.Split('/')[^1],
            "us-east-1"),
    ]);

    private static async Task<JobReceipt> ReceiveEventually(SqsPaymentJobQueue queue)
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            if (await queue.Receive(TimeSpan.FromSeconds(1), CancellationToken.None) is { } receipt)
            {
                return receipt;
            }
        }

        throw new TimeoutException("No delivery within 20 long polls.");
    }
}
