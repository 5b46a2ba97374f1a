using Payments.Application.Audit.Documents;
using Payments.EventStore.Audit;
using Payments.EventStore.Contract;
using Payments.EventStore.Integrity;

namespace Payments.Application.Audit;

/// <summary>
/// What an auditor can ask of the verifiable log: the signed checkpoint, proofs of inclusion and consistency, and a
/// payment's history with a proof per event. Reads the tree and the ordered log; never writes either.
/// </summary>
public sealed class AuditTrail(IAuditLogStore store, IEventLog log, AuditCheckpointer checkpointer)
{
    public async Task<CheckpointDocument> Checkpoint(CancellationToken cancellationToken) =>
        CheckpointDocument.From(await checkpointer.Latest(cancellationToken).ConfigureAwait(false));

    public async Task<AuditAnswer<InclusionProofDocument>> Inclusion(long position, long? treeSize, CancellationToken cancellationToken)
    {
        var size = await store.Size(cancellationToken).ConfigureAwait(false);
        var of = treeSize ?? size;
        if (of < 1 || of > size)
        {
            return new AuditAnswer<InclusionProofDocument>(null, "tree_size", $"must be between 1 and the tree's size, {size}");
        }

        if (position < 1 || position > of)
        {
            return new AuditAnswer<InclusionProofDocument>(null, "position", $"must be between 1 and tree_size, {of}");
        }

        var events = await log.ReadAll(position - 1, 1, cancellationToken).ConfigureAwait(false);
        if (events is not [var e] || e.Position != position)
        {
            return new AuditAnswer<InclusionProofDocument>(null, "position", $"the event log has no event at position {position}");
        }

        var leaf = await store.Node(0, position - 1, cancellationToken).ConfigureAwait(false);
        var path = await MerkleProofs.Inclusion(store, position - 1, of, cancellationToken).ConfigureAwait(false);
        return new(new InclusionProofDocument(of, position - 1, Leaf(e), leaf, path));
    }

    public async Task<AuditAnswer<ConsistencyProofDocument>> Consistency(long from, long to, CancellationToken cancellationToken)
    {
        var size = await store.Size(cancellationToken).ConfigureAwait(false);
        if (to < 1 || to > size)
        {
            return new AuditAnswer<ConsistencyProofDocument>(null, "to", $"must be between 1 and the tree's size, {size}");
        }

        if (from < 1 || from > to)
        {
            return new AuditAnswer<ConsistencyProofDocument>(null, "from", $"must be between 1 and to, {to}");
        }

        var proof = await MerkleProofs.Consistency(store, from, to, cancellationToken).ConfigureAwait(false);
        var fromRoot = await MerkleProofs.Root(store, from, cancellationToken).ConfigureAwait(false);
        var toRoot = await MerkleProofs.Root(store, to, cancellationToken).ConfigureAwait(false);
        return new(new ConsistencyProofDocument(from, to, fromRoot, toRoot, proof));
    }

    /// <summary>The stream's events with proofs against the latest checkpoint; null when the stream has no events.</summary>
    public async Task<PaymentAuditDocument?> Stream(StreamId stream, CancellationToken cancellationToken)
    {
        var events = await log.ReadStream(stream, 1, cancellationToken).ConfigureAwait(false);
        if (events.Count == 0)
        {
            return null;
        }

        var checkpoint = await checkpointer.Latest(cancellationToken).ConfigureAwait(false);
        var positions = await store.Sequenced(events, cancellationToken).ConfigureAwait(false);
        var lines = new List<AuditEventLine>(events.Count);
        var previous = EventHashChain.Genesis;
        foreach (var e in events)
        {
            var position = positions.TryGetValue((e.StreamId, e.Version), out var p) ? p : e.Position;
            var proof = position >= 1 && position <= checkpoint.TreeSize
                ? await MerkleProofs.Inclusion(store, position - 1, checkpoint.TreeSize, cancellationToken).ConfigureAwait(false)
                : null;
            lines.Add(AuditEventLine.From(e, position, previous, proof));
            previous = e.Hash;
        }

        return new PaymentAuditDocument(stream.Value, CheckpointDocument.From(checkpoint), lines);
    }

    private static AuditLeafDocument Leaf(StoredEvent e) => new(e.Position, e.StreamId.Value, e.Version, e.HashScheme, e.Hash);
}
