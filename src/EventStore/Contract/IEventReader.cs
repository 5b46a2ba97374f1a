namespace Payments.EventStore.Contract;

/// <summary>What every event store answers: one stream's history and the owner of a reserved key.</summary>
public interface IEventReader
{
    /// <summary>Events of one stream with version ≥ <paramref name="fromVersion"/>, in version order; empty when none.</summary>
    Task<IReadOnlyList<StoredEvent>> ReadStream(StreamId stream, long fromVersion = 1, CancellationToken cancellationToken = default);

    /// <summary>Which stream owns a reserved key, and with which fingerprint; null when the key is free.</summary>
    Task<AppendResult.UniqueKeyTaken?> FindKeyOwner(string key, CancellationToken cancellationToken = default);
}
