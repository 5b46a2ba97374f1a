using Payments.Domain.Events;
using Payments.Domain.Serialization;
using Payments.EventStore.Contract;

namespace Payments.Application.Jobs.Dispatch;

/// <summary>
/// The outbox relay: accepting a payment only appends <see cref="PaymentEvent.PaymentRequested"/>; this tails the
/// global event log from the outbox's stored checkpoint and turns each such event into a job. Jobs and checkpoint
/// commit together, so a failed enqueue or a crash only means the same events are read again: no job is lost and
/// none is doubled.
/// </summary>
public sealed class PaymentJobDispatcher(IEventReader log, IAppendNotifier commits, IJobOutbox outbox, TimeProvider time, ILogger<PaymentJobDispatcher> logger)
{
    private const int BatchSize = 256;

    private static readonly string RequestedType = PaymentEventCodec.TypeName(
        new PaymentEvent.PaymentRequested(Guid.Empty, "", "", "", 0m, "USD", "", "", DateTimeOffset.UnixEpoch));

    private static readonly TimeSpan FirstRetryDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan LongestRetryDelay = TimeSpan.FromSeconds(10);

    /// <summary>Dispatches everything committed so far; returns the checkpoint reached.</summary>
    public async Task<long> DispatchPending(CancellationToken cancellationToken)
    {
        var checkpoint = await outbox.LoadCheckpoint(cancellationToken).ConfigureAwait(false);
        while (true)
        {
            var events = await log.ReadAll(checkpoint, BatchSize, cancellationToken).ConfigureAwait(false);
            if (events.Count == 0)
            {
                return checkpoint;
            }

            var jobs = events
                .Where(e => string.Equals(e.Type, RequestedType, StringComparison.Ordinal))
                .Select(e => new PaymentJob(Guid.Parse(e.StreamId.Value)))
                .ToList();
            checkpoint = events[^1].Position;
            await outbox.Dispatch(jobs, checkpoint, cancellationToken).ConfigureAwait(false);
            DispatchLog.Dispatched(logger, jobs.Count, checkpoint);
        }
    }

    /// <summary>Dispatches, then sleeps until the next commit; on failure backs off and resumes from the stored checkpoint.</summary>
    public async Task Run(CancellationToken cancellationToken)
    {
        var delay = FirstRetryDelay;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var checkpoint = await DispatchPending(cancellationToken).ConfigureAwait(false);
                delay = FirstRetryDelay;
                await commits.WaitForCommitAfter(checkpoint, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                DispatchLog.DispatchFailed(logger, e, delay);
                await Pause(delay, cancellationToken).ConfigureAwait(false);
                delay = delay * 2 > LongestRetryDelay ? LongestRetryDelay : delay * 2;
            }
        }
    }

    private async Task Pause(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Shutting down: the loop condition ends the run.
        }
    }
}
