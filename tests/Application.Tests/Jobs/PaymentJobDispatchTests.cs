using Microsoft.Extensions.Logging.Abstractions;
using Payments.Domain.State;
using Payments.Application.Jobs;
using Payments.Application.Consumers;
using Payments.Application.Jobs.Dispatch;
using Payments.Embedded.Consumers;
using Payments.Embedded.Jobs;
using Payments.TestServices;
using Payments.Application.Worker;

namespace Payments.Application.Tests.Jobs;

public sealed class PaymentJobDispatchTests
{
    [Fact]
    public async Task Each_requested_payment_becomes_exactly_one_job_however_often_the_log_is_dispatched()
    {
        await using var ledger = LedgerFixture.Create();
        await using var queue = OpenQueue(ledger);
        await using var checkpoints = OpenCheckpoints(ledger);
        var ids = new[] { await ledger.RequestPayment(), await ledger.RequestPayment() };

        await Dispatcher(ledger, queue, checkpoints).CatchUp(CancellationToken.None);
        await checkpoints.Save(PaymentJobDispatch.ConsumerName, 0, CancellationToken.None);
        await Dispatcher(ledger, queue, checkpoints).CatchUp(CancellationToken.None);

        Assert.Equal(2, await queue.CountPending(CancellationToken.None));
        Assert.Equal(ledger.Store.LastCommittedPosition, await checkpoints.Load(PaymentJobDispatch.ConsumerName, CancellationToken.None));
        var jobs = new List<Guid>();
        while (await queue.Receive(TimeSpan.Zero, CancellationToken.None) is { } receipt)
        {
            jobs.Add(PaymentJob.TryParse(receipt.Body, out _)!.PaymentId);
        }

        Assert.Equal(ids.Order(), jobs.Order());
    }

    [Fact]
    public async Task Worker_events_do_not_create_jobs()
    {
        await using var worker = WorkerHarness.Create();
        await using var queue = OpenQueue(worker.Fixture);
        await using var checkpoints = OpenCheckpoints(worker.Fixture);
        var dispatcher = Dispatcher(worker.Fixture, queue, checkpoints);
        var id = await worker.Fixture.RequestPayment();
        await dispatcher.CatchUp(CancellationToken.None);
        var receipt = await queue.Receive(TimeSpan.Zero, CancellationToken.None);
        await worker.Handle(receipt!);
        await queue.Complete(receipt!, CancellationToken.None);

        await dispatcher.CatchUp(CancellationToken.None);

        Assert.Equal(PaymentStatus.Completed, (await worker.Fixture.Load(id)).Status);
        Assert.Equal(0, await queue.CountPending(CancellationToken.None));
    }

    [Fact]
    public async Task Payment_accepted_while_enqueueing_fails_is_still_processed_once_the_fault_clears()
    {
        await using var worker = WorkerHarness.Create();
        await using var queue = OpenQueue(worker.Fixture);
        await using var checkpoints = OpenCheckpoints(worker.Fixture);
        var outbox = new FlakyOutbox(queue);
        outbox.FailNext(3);
        var dispatcher = Dispatcher(worker.Fixture, outbox, checkpoints);
        using var stop = new CancellationTokenSource();
        var running = dispatcher.Run(worker.Fixture.Store, stop.Token);

        var id = await worker.Fixture.RequestPayment();
        var receipt = await worker.Fixture.Time.Pump(queue.Receive(TimeSpan.FromMinutes(10), CancellationToken.None), TimeSpan.FromMilliseconds(100));
        var pump = new PaymentJobPump(new ReplayQueue(queue, receipt!), worker.Handler, worker.Fixture.Time, NullLogger<PaymentJobPump>.Instance);
        await worker.Fixture.Time.Pump(pump.ProcessNext(TimeSpan.Zero, CancellationToken.None));
        await stop.CancelAsync();
        await running;

        Assert.Equal(3, outbox.Failures);
        Assert.Equal(id, PaymentJob.TryParse(receipt!.Body, out _)!.PaymentId);
        Assert.Equal(PaymentStatus.Completed, (await worker.Fixture.Load(id)).Status);
        Assert.Equal(0, await queue.CountPending(CancellationToken.None));
    }

    [Fact]
    public async Task Dispatch_that_failed_after_committing_is_retried_without_doubling_the_job()
    {
        await using var ledger = LedgerFixture.Create();
        await using var queue = OpenQueue(ledger);
        await using var checkpoints = OpenCheckpoints(ledger);
        var outbox = new FlakyOutbox(queue) { FailAfterWrite = true };
        outbox.FailNext(1);
        await ledger.RequestPayment();

        await ledger.Time.Pump(Dispatcher(ledger, outbox, checkpoints).CatchUp(CancellationToken.None));

        Assert.Equal(1, outbox.Failures);
        Assert.Equal(1, await queue.CountPending(CancellationToken.None));
    }

    [Fact]
    public async Task Outbox_that_keeps_failing_stalls_the_dispatch_before_the_request_instead_of_skipping_it()
    {
        await using var ledger = LedgerFixture.Create();
        await using var queue = OpenQueue(ledger);
        await using var checkpoints = OpenCheckpoints(ledger);
        var outbox = new FlakyOutbox(queue);
        await ledger.RequestPayment();
        await Dispatcher(ledger, outbox, checkpoints).CatchUp(CancellationToken.None);
        var dispatchedUpTo = ledger.Store.LastCommittedPosition;
        await ledger.RequestPayment();
        outbox.FailNext(PaymentJobDispatch.Policy.MaxAttempts);

        await Assert.ThrowsAsync<ConsumerStalledException>(() => ledger.Time.Pump(Dispatcher(ledger, outbox, checkpoints).CatchUp(CancellationToken.None)));

        Assert.Equal(dispatchedUpTo, await checkpoints.Load(PaymentJobDispatch.ConsumerName, CancellationToken.None));
        Assert.Empty(await checkpoints.List(PaymentJobDispatch.ConsumerName, CancellationToken.None));
        await Dispatcher(ledger, outbox, checkpoints).CatchUp(CancellationToken.None);
        Assert.Equal(2, await queue.CountPending(CancellationToken.None));
    }

    private static SqlitePaymentJobQueue OpenQueue(LedgerFixture ledger) =>
        SqlitePaymentJobQueue.Open(ledger.Directory.File(SqlitePaymentJobQueue.FileName), ledger.Time, new EmbeddedQueueOptions());

    private static SqliteConsumerStore OpenCheckpoints(LedgerFixture ledger) =>
        SqliteConsumerStore.Open(ledger.Directory.File(SqlitePaymentJobQueue.FileName), ledger.Time);

    private static EventLogSubscription Dispatcher(LedgerFixture ledger, IJobOutbox outbox, SqliteConsumerStore checkpoints) =>
        new(new PaymentJobDispatch(outbox), ledger.Store, checkpoints, checkpoints, PaymentJobDispatch.Policy, ledger.Time, NullLogger.Instance);

    /// <summary>Hands the pump a delivery the test already received, then acts on the real queue.</summary>
    private sealed class ReplayQueue(IPaymentJobQueue inner, JobReceipt receipt) : IPaymentJobQueue
    {
        public int MaxReceives => inner.MaxReceives;

        public Task Enqueue(PaymentJob job, CancellationToken cancellationToken) => inner.Enqueue(job, cancellationToken);

        public Task<JobReceipt?> Receive(TimeSpan wait, CancellationToken cancellationToken) => Task.FromResult<JobReceipt?>(receipt);

        public Task<IReadOnlyList<JobReceipt>> ReceiveMany(int maxJobs, TimeSpan wait, CancellationToken cancellationToken) => Task.FromResult<IReadOnlyList<JobReceipt>>([receipt]);

        public Task Complete(JobReceipt receipt, CancellationToken cancellationToken) => inner.Complete(receipt, cancellationToken);

        public Task Abandon(JobReceipt receipt, TimeSpan delay, CancellationToken cancellationToken) => inner.Abandon(receipt, delay, cancellationToken);

        public Task ExtendVisibility(JobReceipt receipt, TimeSpan timeout, CancellationToken cancellationToken) => inner.ExtendVisibility(receipt, timeout, cancellationToken);
    }
}
