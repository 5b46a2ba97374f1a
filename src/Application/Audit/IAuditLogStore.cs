using Payments.EventStore.Audit;
using Payments.EventStore.Contract;

namespace Payments.Application.Audit;

/// <summary>
/// The verifiable log's storage: the Merkle tree's perfect subtree roots, the events it sequenced, and its signed
/// checkpoints (SQLite embedded, DynamoDB in the cloud). Only the builder or sequencer appends.
/// </summary>
public interface IAuditLogStore : IMerkleNodeSource
{
    /// <summary>Number of leaves: the last sequenced position.</summary>
    Task<long> Size(CancellationToken cancellationToken);

    /// <summary>
    /// Adds <paramref name="events"/> (positions <paramref name="expectedSize"/> + 1 onward, already assigned) and the
    /// tree nodes they complete, all or nothing. False when the tree no longer has <paramref name="expectedSize"/>
    /// leaves or one of the events was sequenced before: the caller re-reads and tries again.
    /// </summary>
    Task<bool> Append(long expectedSize, IReadOnlyList<StoredEvent> events, IReadOnlyList<MerkleNode> nodes, CancellationToken cancellationToken);

    /// <summary>Which of <paramref name="events"/> (by stream and version) already have a position, and which.</summary>
    Task<IReadOnlyDictionary<(StreamId Stream, long Version), long>> Sequenced(IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken);

    /// <summary>Leaf hashes from leaf <paramref name="fromIndex"/> on, in order, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<byte[]>> Leaves(long fromIndex, int limit, CancellationToken cancellationToken);

    Task SaveCheckpoint(SignedCheckpoint checkpoint, CancellationToken cancellationToken);

    Task<SignedCheckpoint?> LatestCheckpoint(CancellationToken cancellationToken);
}
