using Payments.EventStore.Audit;
using Payments.EventStore.Contract;

namespace Payments.Application.Audit;

/// <summary>
/// The cloud column's global order: events arrive from the streams feed without positions, per stream in version
/// order; the sequencer gives each the next position and extends the tree in one conditional write. A redelivered
/// event keeps the position it got; two sequencers racing both re-read and one wins each round. Off the write path,
/// so appends keep no global hot spot.
/// </summary>
/// <param name="maxEventsPerAppend">The most events the store takes in one append (DynamoDB's transactions are bounded).</param>
public sealed class AuditSequencer(IAuditLogStore store, int maxEventsPerAppend = int.MaxValue)
{
    private const int MaxRounds = 50;

    // The tree is append-only behind a conditional head, so at a given size its right edge never changes: kept from
    // this sequencer's last append, it spares re-reading the edge while no other sequencer has appended since.
    private MerkleFrontier? _frontier;

    /// <summary>Positions every event of <paramref name="events"/> not sequenced yet; returns how many it added.</summary>
    public async Task<int> Sequence(IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var added = 0;
        // In order, piece by piece: a stream's later events never go ahead of its earlier ones.
        foreach (var piece in events.Chunk(maxEventsPerAppend))
        {
            added += await SequenceInOneAppend(piece, cancellationToken).ConfigureAwait(false);
        }

        return added;
    }

    private async Task<int> SequenceInOneAppend(IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
    {
        for (var round = 0; round < MaxRounds; round++)
        {
            var done = await store.Sequenced(events, cancellationToken).ConfigureAwait(false);
            var pending = events.Where(e => !done.ContainsKey((e.StreamId, e.Version))).DistinctBy(e => (e.StreamId, e.Version)).ToList();
            if (pending.Count == 0)
            {
                return 0;
            }

            var size = await store.Size(cancellationToken).ConfigureAwait(false);
            var frontier = _frontier?.Size == size ? _frontier : await MerkleFrontier.Load(store, size, cancellationToken).ConfigureAwait(false);
            _frontier = null;
            var positioned = new List<StoredEvent>(pending.Count);
            var nodes = new List<MerkleNode>();
            foreach (var e in pending)
            {
                var sequenced = e with { Position = frontier.Size + 1 };
                positioned.Add(sequenced);
                nodes.AddRange(frontier.Append(AuditLeaf.Hash(sequenced)));
            }

            if (await store.Append(size, positioned, nodes, cancellationToken).ConfigureAwait(false))
            {
                _frontier = frontier;
                return positioned.Count;
            }
        }

        throw new TimeoutException($"The audit tree kept changing under the sequencer for {MaxRounds} rounds.");
    }
}
