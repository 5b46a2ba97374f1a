using Microsoft.Extensions.Logging.Abstractions;
using Payments.Application.Ramps.Sandbox;
using Payments.Application.Worker;
using Payments.Domain.Decisions;
using Payments.Domain.Ramps;
using Payments.Domain.State;
using Payments.Embedded.Ramps;
using Payments.EventStore.Contract;
using Payments.Application.Jobs;
using Payments.Aws.Sqs;
using Payments.TestServices;
using static Payments.TestServices.ScriptedRamps;

namespace Payments.Aws.Tests.Sqs;

/// <summary>The worker Lambda's contract with SQS, with fauxqs standing in for the event source mapping.</summary>
public sealed class WorkerLambdaOverSqsTests(Fauxqs fauxqs) : IClassFixture<Fauxqs>
{
    [Fact]
    public async Task Payment_whose_on_ramp_stays_down_fails_on_the_third_receive_with_nothing_converted_and_its_job_is_deleted()
    {
        using var sqs = fauxqs.Client();
        var queues = await Queues(sqs);
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
            Assert.Equal(receive < 3 ? 1 : 0, response.BatchItemFailures.Count);
            await DeleteIfSucceeded(queue, receipt, response);
        }

        var payment = await worker.Fixture.Load(id);
        Assert.Equal(PaymentStatus.Failed, payment.Status);
        Assert.Equal(PaymentErrorCodes.OnRampUnavailable, payment.ErrorCode);
        Assert.Null(await queue.Receive(TimeSpan.FromSeconds(1), CancellationToken.None));
        Assert.Null(await new SqsPaymentJobQueue(sqs, queues.DeadLetterQueueUrl).Receive(TimeSpan.FromSeconds(1), CancellationToken.None));
    }

    [Fact]
    public async Task Job_dead_lettered_with_the_on_ramp_outcome_unknown_and_redriven_ends_completed_by_a_lookup()
    {
        using var sqs = fauxqs.Client();
        var queues = await Queues(sqs);
        var queue = new SqsPaymentJobQueue(sqs, queues.QueueUrl);
        await using var worker = await SandboxWorker.Start();
        worker.Script.OnCalls(RampLeg.OnRamp, Enumerable.Repeat(RampFault.ExecutedThenTimeout, 3).ToArray());
        worker.Script.OnLookups(RampLeg.OnRamp, Enumerable.Repeat(RampFault.LookupUnavailable, 6).ToArray());
        var id = await worker.Fixture.RequestPayment();
        await queue.Enqueue(new PaymentJob(id), CancellationToken.None);
        var lambda = new PaymentJobLambdaHandler(worker.Handler, queue, NullLogger<PaymentJobLambdaHandler>.Instance);

        for (var receive = 1; receive <= 3; receive++)
        {
            var receipt = await ReceiveEventually(queue);
            Assert.Single((await worker.Fixture.Time.Pump(lambda.Handle(AsLambdaEvent(receipt, queues.QueueUrl), CancellationToken.None))).BatchItemFailures);
        }

        var waiting = await worker.Fixture.Load(id);
        Assert.Equal(PaymentStatus.Processing, waiting.Status);
        Assert.StartsWith("on-ramp outcome unknown", waiting.Attention, StringComparison.Ordinal);

        // SQS moves the message to the DLQ when a receive would exceed maxReceiveCount (once its release delay is over).
        var deadLetters = new SqsPaymentJobQueue(sqs, queues.DeadLetterQueueUrl);
        JobReceipt? dead = null;
        for (var poll = 0; poll < 20 && dead is null; poll++)
        {
            Assert.Null(await queue.Receive(TimeSpan.FromSeconds(1), CancellationToken.None));
            dead = await deadLetters.Receive(TimeSpan.FromMilliseconds(200), CancellationToken.None);
        }

        // The operator's redrive: the dead letter goes back to the source queue, where its receive count starts again at 1.
        Assert.NotNull(dead);
        await queue.Enqueue(PaymentJob.TryParse(dead.Body, out _)!, CancellationToken.None);
        await deadLetters.Complete(dead, CancellationToken.None);
        var redriven = await ReceiveEventually(queue);
        Assert.Equal(1, redriven.ReceiveCount);
        var response = await worker.Fixture.Time.Pump(lambda.Handle(AsLambdaEvent(redriven, queues.QueueUrl), CancellationToken.None));

        Assert.Empty(response.BatchItemFailures);
        await DeleteIfSucceeded(queue, redriven, response);
        var payment = await worker.Fixture.Load(id);
        Assert.Equal(PaymentStatus.Completed, payment.Status);
        Assert.Null(payment.Attention);
        Assert.Equal((await worker.Log.Find(RampRequestKey.For(id, RampLeg.OnRamp), CancellationToken.None))!.TransactionId, payment.OnRampTxId);
    }

    [Fact]
    public async Task Duplicate_deliveries_of_one_job_handled_at_once_end_completed_with_each_leg_executed_once()
    {
        using var sqs = fauxqs.Client();
        var queues = await Queues(sqs);
        var queue = new SqsPaymentJobQueue(sqs, queues.QueueUrl);
        await using var worker = await SandboxWorker.Start();
        var id = await worker.Fixture.RequestPayment();
        var job = new PaymentJob(id, PaymentJob.IdFor(id, 1));
        await queue.Enqueue(job, CancellationToken.None);
        await queue.Enqueue(job, CancellationToken.None);
        var lambda = new PaymentJobLambdaHandler(worker.Handler, queue, NullLogger<PaymentJobLambdaHandler>.Instance);
        var first = await ReceiveEventually(queue);
        var second = await ReceiveEventually(queue);

        var responses = await worker.Fixture.Time.Pump(Task.WhenAll(
            lambda.Handle(AsLambdaEvent(first, queues.QueueUrl), CancellationToken.None),
            lambda.Handle(AsLambdaEvent(second, queues.QueueUrl), CancellationToken.None)));

        Assert.All(responses, r => Assert.Empty(r.BatchItemFailures));
        await DeleteIfSucceeded(queue, first, responses[0]);
        await DeleteIfSucceeded(queue, second, responses[1]);
        Assert.Equal(PaymentStatus.Completed, (await worker.Fixture.Load(id)).Status);
        Assert.All(await worker.Log.Usage(CancellationToken.None), u => Assert.Equal(1, u.Executions));
        var history = await worker.Fixture.Store.ReadStream(StreamId.For(id), 1, CancellationToken.None);
        Assert.Equal(["PaymentRequested", "PaymentProcessingStarted", "OnRampCompleted", "OffRampCompleted", "PaymentCompleted"], history.Select(e => e.Type));
        Assert.Null(await queue.Receive(TimeSpan.FromSeconds(1), CancellationToken.None));
    }

    /// <summary>What the event source mapping does with a record the function did not report as failed.</summary>
    private static async Task DeleteIfSucceeded(SqsPaymentJobQueue queue, JobReceipt receipt, SqsBatchResponse response)
    {
        if (response.BatchItemFailures.All(f => f.ItemIdentifier != receipt.MessageId))
        {
            await queue.Complete(receipt, CancellationToken.None);
        }
    }

    private static Task<SqsPaymentQueues> Queues(Amazon.SQS.IAmazonSQS sqs) =>
        SqsPaymentQueues.Ensure(sqs, "payments-" + Guid.NewGuid().ToString("N")[..12], new(StringComparer.Ordinal) { ["VisibilityTimeout"] = "1" }, CancellationToken.None);

    /// <summary>The real handler over the sandbox providers with their durable execution log and a fault script.</summary>
    private sealed class SandboxWorker : IAsyncDisposable
    {
        private SandboxWorker(LedgerFixture fixture, RampTransactionLog log, RampFaultScript script)
        {
            Fixture = fixture;
            Log = log;
            Script = script;
            var ramps = new MockRampProvider(log, new MockRampOptions(), fixture.Time, script);
            Handler = new PaymentJobHandler(fixture.Ledger, ramps, ramps, new WorkerOptions(), fixture.Time, NullLogger<PaymentJobHandler>.Instance);
        }

        public LedgerFixture Fixture { get; }

        public RampTransactionLog Log { get; }

        public RampFaultScript Script { get; }

        public PaymentJobHandler Handler { get; }

        public static Task<SandboxWorker> Start()
        {
            var fixture = LedgerFixture.Create();
            return Task.FromResult(new SandboxWorker(fixture, RampTransactionLog.Open(fixture.Directory.File(RampTransactionLog.FileName), fixture.Time), new RampFaultScript()));
        }

        public async ValueTask DisposeAsync()
        {
            await Log.DisposeAsync();
            await Fixture.DisposeAsync();
        }
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
