namespace Payments.EventStore.Contract;

public interface IEventReader
{
    /// <summary>Events of one stream with version ≥ <paramref name="fromVersion"/>, in version order; empty when none.</summary>
    Task<IReadOnlyList<StoredEvent>> ReadStream(StreamId stream, long fromVersion = 1, CancellationToken cancellationToken = default);

    /// <summary>
    /// Up to <paramref name="limit"/> events of all streams with position &gt; <paramref name="afterPosition"/>,
    /// in position order. Resume by passing the last position seen.
    /// </summary>
    Task<IReadOnlyList<StoredEvent>> ReadAll(long afterPosition, int limit, CancellationToken cancellationToken = default);

    /// <summary>Which stream owns a reserved key, and with which fingerprint; null when the key is free.</summary>
    Task<AppendResult.UniqueKeyTaken?> FindKeyOwner(string key, CancellationToken cancellationToken = default);
}
