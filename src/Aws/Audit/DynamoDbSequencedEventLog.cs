using Payments.EventStore.Contract;

namespace Payments.Aws.Audit;

/// <summary>
/// The cloud column's <see cref="IEventLog"/>, for auditors and finance: all streams in the order the sequencer gave
/// them (the audit log's entries), and a stream's history from the event store with each event's sequenced position
/// (0 for an event the sequencer has not reached yet). Key lookups go to the event store.
/// </summary>
public sealed class DynamoDbSequencedEventLog(DynamoDbAuditLog audit, IEventReader events) : IEventLog
{
    public Task<IReadOnlyList<StoredEvent>> ReadAll(long afterPosition, int limit, CancellationToken cancellationToken = default) =>
        audit.ReadAll(afterPosition, limit, cancellationToken);

    public async Task<IReadOnlyList<StoredEvent>> ReadStream(StreamId stream, long fromVersion = 1, CancellationToken cancellationToken = default)
    {
        var history = await events.ReadStream(stream, fromVersion, cancellationToken).ConfigureAwait(false);
        var positions = await audit.Sequenced(history, cancellationToken).ConfigureAwait(false);
        return history.Select(e => positions.TryGetValue((e.StreamId, e.Version), out var position) ? e with { Position = position } : e).ToList();
    }

    public Task<AppendResult.UniqueKeyTaken?> FindKeyOwner(string key, CancellationToken cancellationToken = default) =>
        events.FindKeyOwner(key, cancellationToken);
}
