using Payments.Application.Audit;
using Payments.EventStore.Audit;
using Payments.EventStore.Contract;

namespace Payments.TestServices.Audit;

/// <summary>
/// One sequencer's view of a shared audit log store, with the faults a schedule asks for on its next append: another
/// sequencer's delivery run to completion between this one's reads and its write (so the write is stale), or the
/// answer to a committed write lost on the way back (so the stream delivers the batch again).
/// </summary>
public sealed class FaultingAuditLogStore(IAuditLogStore inner) : IAuditLogStore
{
    /// <summary>Runs once, just before the next append reaches the store.</summary>
    public Func<Task>? BeforeNextAppend { get; set; }

    /// <summary>The next append that commits throws <see cref="AcknowledgementLostException"/> instead of returning.</summary>
    public bool LoseNextAcknowledgement { get; set; }

    public async Task<bool> Append(long expectedSize, IReadOnlyList<StoredEvent> events, IReadOnlyList<MerkleNode> nodes, CancellationToken cancellationToken)
    {
        if (BeforeNextAppend is { } intrusion)
        {
            BeforeNextAppend = null;
            await intrusion();
        }

        var appended = await inner.Append(expectedSize, events, nodes, cancellationToken);
        if (appended && LoseNextAcknowledgement)
        {
            LoseNextAcknowledgement = false;
            throw new AcknowledgementLostException();
        }

        return appended;
    }

    public Task<long> Size(CancellationToken cancellationToken) => inner.Size(cancellationToken);

    public ValueTask<byte[]> Node(int level, long index, CancellationToken cancellationToken) => inner.Node(level, index, cancellationToken);

    public Task<IReadOnlyDictionary<(StreamId Stream, long Version), long>> Sequenced(IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken) =>
        inner.Sequenced(events, cancellationToken);

    public Task<IReadOnlyList<byte[]>> Leaves(long fromIndex, int limit, CancellationToken cancellationToken) => inner.Leaves(fromIndex, limit, cancellationToken);

    public Task SaveCheckpoint(SignedCheckpoint checkpoint, CancellationToken cancellationToken) => inner.SaveCheckpoint(checkpoint, cancellationToken);

    public Task<SignedCheckpoint?> LatestCheckpoint(CancellationToken cancellationToken) => inner.LatestCheckpoint(cancellationToken);
}
