using Payments.EventStore.Contract;

namespace Payments.Application.Ledger;

/// <summary>A point in a payment's history an auditor asks for: after a version, or as recorded by a time.</summary>
public abstract record HistoryPoint
{
    private HistoryPoint()
    {
    }

    /// <summary>
    /// How many leading events of <paramref name="history"/> (in version order) the point takes in; null when the point
    /// lies beyond what was recorded (a version not reached yet).
    /// </summary>
    public abstract int? EventsIncluded(IReadOnlyList<StoredEvent> history);

    /// <summary>The state after version <paramref name="Version"/> (from 1).</summary>
    public sealed record AtVersion(long Version) : HistoryPoint
    {
        public override int? EventsIncluded(IReadOnlyList<StoredEvent> history)
        {
            ArgumentNullException.ThrowIfNull(history);
            return Version <= history.Count ? (int)Version : null;
        }
    }

    /// <summary>
    /// The state as recorded by <paramref name="Time"/> (the store's <see cref="StoredEvent.OccurredAt"/>): the longest
    /// prefix of the history recorded at or before it. A prefix, not every event before the time, because a state is a
    /// fold of a prefix; the cloud column's clocks could, in principle, record a later version a moment earlier.
    /// </summary>
    public sealed record RecordedBy(DateTimeOffset Time) : HistoryPoint
    {
        public override int? EventsIncluded(IReadOnlyList<StoredEvent> history)
        {
            ArgumentNullException.ThrowIfNull(history);
            return history.TakeWhile(e => e.OccurredAt <= Time).Count();
        }
    }
}
