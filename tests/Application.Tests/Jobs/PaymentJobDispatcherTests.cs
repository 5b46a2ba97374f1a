using Microsoft.Extensions.Logging.Abstractions;
using Payments.Domain.State;
using Payments.Application.Jobs;
using Payments.Application.Jobs.Dispatch;
using Payments.Embedded.Jobs;
using Payments.TestServices;
using Payments.Application.Worker;

namespace Payments.Application.Tests.Jobs;

public sealed class PaymentJobDispatcherTests
{
    [Fact]
    public async Task Each_requested_payment_becomes_exactly_one_job_however_often_the_log_is_dispatched()
    {
        await using var ledger = LedgerFixture.Create();
        await using var queue = OpenQueue(ledger);
        var dispatcher = Dispatcher(ledger, queue);
        var ids = new[] { await ledger.RequestPayment(), await ledger.RequestPayment() };

        await dispatcher.DispatchPending(CancellationToken.None);
        await dispatcher.DispatchPending(CancellationToken.None);

        Assert.Equal(2, await queue.CountPending(CancellationToken.None));
        Assert.Equal(ledger.Store.LastCommittedPosition, await queue.LoadCheckpoint(CancellationToken.None));
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
        var dispatcher = Dispatcher(worker.Fixture, queue);
        var id = await worker.Fixture.RequestPayment();
        await dispatcher.DispatchPending(CancellationToken.None);
        var receipt = await queue.Receive(TimeSpan.Zero, CancellationToken.None);
        await worker.Handle(receipt!);
        await queue.Complete(receipt!, CancellationToken.None);

        await dispatcher.DispatchPending(CancellationToken.None);

        Assert.Equal(PaymentStatus.Completed, (await worker.Fixture.Load(id)).Status);
        Assert.Equal(0, await queue.CountPending(CancellationToken.None));
    }

    [Fact]
    public async Task Payment_accepted_while_enqueueing_fails_is_still_processed_once_the_fault_clears()
    {
        await using var worker = WorkerHarness.Create();
        await using var queue = OpenQueue(worker.Fixture);
        var outbox = new FlakyOutbox(queue);
        outbox.FailNext(3);
        var dispatcher = new PaymentJobDispatcher(worker.Fixture.Store, worker.Fixture.Store, outbox, worker.Fixture.Time, NullLogger<PaymentJobDispatcher>.Instance);
        using var stop = new CancellationTokenSource();
        var running = dispatcher.Run(stop.Token);

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
        var outbox = new FlakyOutbox(queue) { FailAfterWrite = true };
        outbox.FailNext(1);
        var dispatcher = new PaymentJobDispatcher(ledger.Store, ledger.Store, outbox, ledger.Time, NullLogger<PaymentJobDispatcher>.Instance);
        await ledger.RequestPayment();

        await Assert.ThrowsAsync<IOException>(() => dispatcher.DispatchPending(CancellationToken.None));
        await dispatcher.DispatchPending(CancellationToken.None);

        Assert.Equal(1, await queue.CountPending(CancellationToken.None));
    }

    private static SqlitePaymentJobQueue OpenQueue(LedgerFixture ledger) =>
        SqlitePaymentJobQueue.Open(ledger.Directory.File(SqlitePaymentJobQueue.FileName), ledger.Time, new EmbeddedQueueOptions());

    private static PaymentJobDispatcher Dispatcher(LedgerFixture ledger, SqlitePaymentJobQueue queue) =>
        new(ledger.Store, ledger.Store, queue, ledger.Time, NullLogger<PaymentJobDispatcher>.Instance);

    /// <summary>Hands the pump a delivery the test already received, then acts on the real queue.</summary>
    private sealed class ReplayQueue(IPaymentJobQueue inner, JobReceipt receipt) : IPaymentJobQueue
    {
        public int MaxReceives => inner.MaxReceives;

        public Task Enqueue(PaymentJob job, CancellationToken cancellationToken) => inner.Enqueue(job, cancellationToken);

        public Task<JobReceipt?> Receive(TimeSpan wait, CancellationToken cancellationToken) => Task.FromResult<JobReceipt?>(receipt);

        public Task Complete(JobReceipt receipt, CancellationToken cancellationToken) => inner.Complete(receipt, cancellationToken);

        public Task Abandon(JobReceipt receipt, TimeSpan delay, CancellationToken cancellationToken) => inner.Abandon(receipt, delay, cancellationToken);

        public Task ExtendVisibility(JobReceipt receipt, TimeSpan timeout, CancellationToken cancellationToken) => inner.ExtendVisibility(receipt, timeout, cancellationToken);
    }
}
