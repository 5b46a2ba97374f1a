using Payments.EventStore.Contract;

namespace Payments.Application.Consumers;

/// <summary>
/// Runs one <see cref="IEventConsumer"/> over the embedded log: read a page after the stored checkpoint, hand it to the
/// consumer, save the checkpoint, repeat; sleep on the store's commit signal when caught up. The checkpoint is saved
/// only after the consumer returned, so a crash between the two re-delivers the page (at least once, never skipped).
/// A failing page is retried one event at a time, so a poison event is isolated: after <see cref="PoisonPolicy.MaxAttempts"/>
/// it is parked (and the rest goes on) or the consumer stalls before it, as its <see cref="PoisonPolicy"/> says.
/// </summary>
public sealed class EventLogSubscription(
    IEventConsumer consumer, IEventLog log, ICheckpointStore checkpoints, IParkedEventStore parked, PoisonPolicy policy, TimeProvider time, ILogger logger)
{
    public const int DefaultPageSize = 256;

    private long _checkpoint;
    private string? _stalled;

    public string Name => consumer.Name;

    public PoisonPolicy Policy => policy;

    public int PageSize { get; init; } = DefaultPageSize;

    /// <summary>Handles everything committed after the checkpoint; returns how many events it went past (handled or parked).</summary>
    /// <exception cref="ConsumerStalledException">A <see cref="PoisonAction.Stop"/> consumer met an event it cannot handle.</exception>
    public async Task<long> CatchUp(CancellationToken cancellationToken)
    {
        var checkpoint = await checkpoints.Load(Name, cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _checkpoint, checkpoint);
        long passed = 0;
        while (true)
        {
            var page = await log.ReadAll(checkpoint, PageSize, cancellationToken).ConfigureAwait(false);
            if (page.Count == 0)
            {
                Volatile.Write(ref _stalled, null);
                return passed;
            }

            await HandlePage(page, checkpoint, cancellationToken).ConfigureAwait(false);
            checkpoint = page[^1].Position;
            await SaveCheckpoint(checkpoint, cancellationToken).ConfigureAwait(false);
            passed += page.Count;
        }
    }

    /// <summary>Catches up, then waits for the next commit past the checkpoint, until cancelled. Failures back off and resume from the stored checkpoint.</summary>
    public async Task Run(IAppendNotifier notifier, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notifier);
        var delay = policy.FirstBackoff;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                var passed = await CatchUp(cancellationToken).ConfigureAwait(false);
                var checkpoint = Volatile.Read(ref _checkpoint);
                if (passed > 0)
                {
                    ConsumerLog.CaughtUp(logger, Name, passed, checkpoint);
                }

                delay = policy.FirstBackoff;
                await notifier.WaitForCommitAfter(checkpoint, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (ConsumerStalledException e)
            {
                Volatile.Write(ref _stalled, e.Message);
                ConsumerLog.Stalled(logger, e, Name);
                await Pause(policy.MaxBackoff, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                // The log or the checkpoint store failed, not one event: back off and resume from the stored checkpoint.
                ConsumerLog.Failed(logger, e, Name, delay);
                await Pause(delay, cancellationToken).ConfigureAwait(false);
                delay = delay * 2 > policy.MaxBackoff ? policy.MaxBackoff : delay * 2;
            }
        }
    }

    /// <summary>How far behind the head of the log (<paramref name="head"/>, the last committed position) this consumer is.</summary>
    public async Task<ConsumerLag> Measure(long head, CancellationToken cancellationToken)
    {
        var checkpoint = await checkpoints.Load(Name, cancellationToken).ConfigureAwait(false);
        var next = head > checkpoint ? await log.ReadAll(checkpoint, 1, cancellationToken).ConfigureAwait(false) : [];
        var oldest = next.Count > 0 ? next[0] : null;
        var age = oldest is null ? TimeSpan.Zero : time.GetUtcNow() - oldest.OccurredAt;
        var parkedEvents = await parked.List(Name, cancellationToken).ConfigureAwait(false);
        return new ConsumerLag(Name, head, checkpoint, age > TimeSpan.Zero ? age : TimeSpan.Zero, parkedEvents.Count, Volatile.Read(ref _stalled));
    }

    /// <summary>The events this consumer parked, oldest first.</summary>
    public Task<IReadOnlyList<ParkedEvent>> Parked(CancellationToken cancellationToken) => parked.List(Name, cancellationToken);

    /// <summary>
    /// An operator's second try of a parked event (its cause fixed): handled once more and released; if it fails again
    /// it stays parked with the new error. Safe beside the running loop, because handling is idempotent.
    /// </summary>
    public async Task<ParkedEventRerun> Rerun(long position, CancellationToken cancellationToken)
    {
        var entry = (await parked.List(Name, cancellationToken).ConfigureAwait(false)).FirstOrDefault(p => p.Position == position);
        var page = entry is null ? [] : await log.ReadAll(position - 1, 1, cancellationToken).ConfigureAwait(false);
        if (entry is null || page.Count == 0 || page[0].Position != position)
        {
            return ParkedEventRerun.NotParked;
        }

        try
        {
            await consumer.Handle(page, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (!IsShutdown(e, cancellationToken))
        {
            await parked.Park(entry with { Error = e.Message, Attempts = 1, ParkedAt = time.GetUtcNow() }, cancellationToken).ConfigureAwait(false);
            ConsumerLog.Parked(logger, e, Name, position, entry.Attempts + 1);
            return ParkedEventRerun.FailedAgain;
        }

        await parked.Release(Name, position, cancellationToken).ConfigureAwait(false);
        return ParkedEventRerun.Handled;
    }

    private async Task HandlePage(IReadOnlyList<StoredEvent> page, long checkpoint, CancellationToken cancellationToken)
    {
        if (page.Count > 1)
        {
            try
            {
                await consumer.Handle(page, cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (!IsShutdown(e, cancellationToken))
            {
                ConsumerLog.PageFailed(logger, e, Name, page[0].Position, page[^1].Position);
            }
        }

        // One at a time: the events before a poison one still count, and only the poison one is retried and parked.
        var done = checkpoint;
        foreach (var stored in page)
        {
            if (!await HandleAlone(stored, cancellationToken).ConfigureAwait(false))
            {
                if (done > checkpoint)
                {
                    await SaveCheckpoint(done, cancellationToken).ConfigureAwait(false);
                }

                throw new ConsumerStalledException(
                    $"{Name} stopped before position {stored.Position} ({stored.Type} v{stored.Version} of {stored.StreamId}) after {policy.MaxAttempts} attempts");
            }

            done = stored.Position;
        }
    }

    /// <summary>True once the event is handled or parked; false when the policy says stop.</summary>
    private async Task<bool> HandleAlone(StoredEvent stored, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await consumer.Handle([stored], cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (Exception e) when (!IsShutdown(e, cancellationToken))
            {
                if (attempt < policy.MaxAttempts)
                {
                    await Task.Delay(policy.BackoffAfter(attempt), time, cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (policy.OnExhausted == PoisonAction.Stop)
                {
                    ConsumerLog.GaveUp(logger, e, Name, stored.Position, attempt);
                    return false;
                }

                await parked.Park(
                    new ParkedEvent(Name, stored.Position, stored.StreamId.Value, stored.Version, stored.Type, e.Message, attempt, time.GetUtcNow()),
                    cancellationToken).ConfigureAwait(false);
                ConsumerLog.Parked(logger, e, Name, stored.Position, attempt);
                return true;
            }
        }
    }

    private async Task SaveCheckpoint(long position, CancellationToken cancellationToken)
    {
        await checkpoints.Save(Name, position, cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _checkpoint, position);
    }

    private static bool IsShutdown(Exception e, CancellationToken cancellationToken) =>
        e is OperationCanceledException && cancellationToken.IsCancellationRequested;

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
