using Payments.Application.Jobs;

namespace Payments.Application.Worker;

/// <summary>
/// Pulls jobs from a queue and applies the handler's verdict. <see cref="Run"/> keeps up to a configured number of
/// jobs in flight: one receive loop claims as many jobs as there are free slots, in one receive, and each job is handled
/// on its own task until it is settled. A job spends its time waiting on ramps, so hundreds of awaits cost little;
/// the slots are the back-pressure: no job is claimed (and its visibility timeout started) that no slot can take.
/// </summary>
public sealed class PaymentJobPump(IPaymentJobQueue queue, PaymentJobHandler handler, TimeProvider time, ILogger<PaymentJobPump> logger)
{
    /// <summary>Long-poll window; a receive returns earlier as soon as a job is there.</summary>
    private static readonly TimeSpan ReceiveWait = TimeSpan.FromSeconds(20);

    /// <summary>Most jobs claimed in one receive: one transaction embedded, and a burst is spread over a few receives.</summary>
    private const int MostPerReceive = 64;

    /// <summary>Runs until cancelled, then waits for the jobs in flight to stop (they see the same cancellation).</summary>
    public async Task Run(int concurrency, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(concurrency, 1);
        using var slots = new SemaphoreSlim(concurrency, concurrency);
        while (await TakeSlot(slots, cancellationToken).ConfigureAwait(false))
        {
            var claimed = 1 + TakeFreeSlots(slots, MostPerReceive - 1);
            var receipts = await ReceiveFor(claimed, cancellationToken).ConfigureAwait(false);
            if (receipts.Count < claimed)
            {
                slots.Release(claimed - receipts.Count);
            }

            foreach (var receipt in receipts)
            {
                _ = Task.Run(() => SettleThenFree(receipt, slots, cancellationToken), CancellationToken.None);
            }
        }

        for (var returned = 0; returned < concurrency; returned++)
        {
            await slots.WaitAsync(CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <summary>Receives and handles at most one job; false when none arrived within <paramref name="wait"/>.</summary>
    public async Task<bool> ProcessNext(TimeSpan wait, CancellationToken cancellationToken)
    {
        var receipt = await queue.Receive(wait, cancellationToken).ConfigureAwait(false);
        if (receipt is null)
        {
            return false;
        }

        await Settle(receipt, cancellationToken).ConfigureAwait(false);
        return true;
    }

    private static async Task<bool> TakeSlot(SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        try
        {
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Takes up to <paramref name="most"/> slots that are free right now, without waiting.</summary>
    private static int TakeFreeSlots(SemaphoreSlim slots, int most)
    {
        var taken = 0;
        while (taken < most && slots.Wait(0, CancellationToken.None))
        {
            taken++;
        }

        return taken;
    }

    /// <summary>The claimed jobs; none when the queue failed (reported, then a short pause) or the pump is stopping.</summary>
    private async Task<IReadOnlyList<JobReceipt>> ReceiveFor(int slots, CancellationToken cancellationToken)
    {
        try
        {
            return await queue.ReceiveMany(slots, ReceiveWait, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return [];
        }
        catch (Exception e)
        {
            // Disk full, file locked: nothing was claimed; try again shortly rather than end the worker.
            WorkerLog.QueueFailed(logger, e);
            await Task.Delay(ReceiveLoops.QueueRetryDelay, time, CancellationToken.None).ConfigureAwait(false);
            return [];
        }
    }

    private async Task SettleThenFree(JobReceipt receipt, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        try
        {
            await Settle(receipt, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the job stays leased and comes back when its visibility lapses (or at the next start).
        }
        catch (Exception e)
        {
            // The verdict could not be written back: the lease lapses and the job is delivered again.
            WorkerLog.QueueFailed(logger, e);
        }
        finally
        {
            slots.Release();
        }
    }

    private async Task Settle(JobReceipt receipt, CancellationToken cancellationToken)
    {
        var disposition = await HandleSafely(receipt, cancellationToken).ConfigureAwait(false);
        switch (disposition)
        {
            case JobDisposition.Acknowledge:
                await queue.Complete(receipt, cancellationToken).ConfigureAwait(false);
                break;
            case JobDisposition.Release release:
                await queue.Abandon(receipt, release.Delay, cancellationToken).ConfigureAwait(false);
                break;
        }
    }

    private async Task<JobDisposition> HandleSafely(JobReceipt receipt, CancellationToken cancellationToken)
    {
        try
        {
            return await handler.Handle(receipt, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The store or a provider broke in a way the handler does not understand: the job stays in the queue,
            // redelivered later and dead-lettered after its last receive.
            WorkerLog.JobCrashed(logger, e, receipt.MessageId);
            return new JobDisposition.Release(TimeSpan.FromSeconds(receipt.ReceiveCount), e.Message);
        }
    }
}
