using Payments.Application.Consumers;
using Payments.EventStore.Audit;
using Payments.EventStore.Contract;

namespace Payments.Application.Audit;

/// <summary>
/// Extends the Merkle tree from the embedded log, whose writer already assigned gap-free positions: leaf i is position
/// i + 1. A page delivered again is checked against the leaves it made, never appended twice; a page that does not
/// continue the tree (a missing position, a changed event) stops the builder.
/// </summary>
public sealed class AuditLogBuilder(IAuditLogStore store) : IEventConsumer
{
    public const string ConsumerName = "audit-log";

    /// <summary>Never park: a tree that skipped an event would prove a log that never existed.</summary>
    public static PoisonPolicy Policy { get; } = PoisonPolicy.Stop();

    private MerkleFrontier? _frontier;

    public string Name => ConsumerName;

    public async Task Handle(IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var size = await store.Size(cancellationToken).ConfigureAwait(false);
        if (_frontier?.Size != size)
        {
            _frontier = await MerkleFrontier.Load(store, size, cancellationToken).ConfigureAwait(false);
        }

        var fresh = new List<StoredEvent>();
        var nodes = new List<MerkleNode>();
        foreach (var e in events)
        {
            var index = e.Position - 1;
            if (index < size)
            {
                await CheckAlreadyLogged(e, index, cancellationToken).ConfigureAwait(false);
                continue;
            }

            if (index != _frontier.Size)
            {
                throw new AuditLogForkedException(_frontier.Size + 1, $"missing from the event log (the next event is at position {e.Position})");
            }

            fresh.Add(e);
            nodes.AddRange(_frontier.Append(AuditLeaf.Hash(e)));
        }

        if (fresh.Count > 0 && !await store.Append(size, fresh, nodes, cancellationToken).ConfigureAwait(false))
        {
            _frontier = null;
            throw new InvalidOperationException($"The audit tree changed size under its only builder (expected {size} leaves).");
        }
    }

    private async Task CheckAlreadyLogged(StoredEvent e, long index, CancellationToken cancellationToken)
    {
        var logged = await store.Node(0, index, cancellationToken).ConfigureAwait(false);
        if (!logged.AsSpan().SequenceEqual(AuditLeaf.Hash(e)))
        {
            throw new AuditLogForkedException(e.Position, "the event differs from the one the audit tree logged");
        }
    }
}
