namespace Payments.EventStore.Contract;

/// <summary>
/// A store whose appends are globally ordered on the write path, gap-free: the embedded SQLite store, whose single
/// writer assigns positions. The cloud store is not one: a global position there would be one item every append in
/// the account updates; its global order comes from a sequencer consuming the events stream instead, and the log that
/// sequencer writes (the audit log's entries) is the cloud column's IEventLog.
/// </summary>
public interface IEventLog : IEventReader
{
    /// <summary>
    /// Up to <paramref name="limit"/> events of all streams with position &gt; <paramref name="afterPosition"/>,
    /// in position order. Resume by passing the last position seen.
    /// </summary>
    Task<IReadOnlyList<StoredEvent>> ReadAll(long afterPosition, int limit, CancellationToken cancellationToken = default);
}
