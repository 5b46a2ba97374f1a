using Payments.EventStore.Audit;
using Payments.EventStore.Contract;
using Payments.EventStore.Integrity;
using Payments.EventStore.Serialization;

namespace Payments.TestServices.Audit;

/// <summary>Events as the cloud store writes them (hash scheme 3, chained, no position yet), and their tree once positioned.</summary>
public static class AuditEvents
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>Versions 1..<paramref name="count"/> of <paramref name="stream"/>, each chained to the one before.</summary>
    public static List<StoredEvent> Stream(StreamId stream, int count)
    {
        var events = new List<StoredEvent>(count);
        var previous = EventHashChain.Genesis;
        for (var version = 1; version <= count; version++)
        {
            var at = T0.AddMilliseconds(version);
            var data = $$"""{"amount":"{{version}}00.25","note":"é ✓"}""";
            var metadata = new EventMetadata($"corr-{stream}-{version}", null, "test");
            var storedMetadata = MetadataJson.Serialize(metadata);
            var hash = EventHashChain.ComputeStored(EventHashScheme.StoredBytes, previous, 0, stream, version, "Thing" + version, 1, EventHashChain.FormatTime(at), data, storedMetadata);
            events.Add(new StoredEvent(stream, version, 0, "Thing" + version, 1, at, data, metadata, hash, EventHashScheme.StoredBytes, storedMetadata));
            previous = hash;
        }

        return events;
    }

    /// <summary>
    /// Gives <paramref name="events"/> the positions after <paramref name="frontier"/>'s size and appends their leaves to it,
    /// as a sequencer would: the positioned events and the nodes to store.
    /// </summary>
    public static (List<StoredEvent> Positioned, List<MerkleNode> Nodes) Extend(MerkleFrontier frontier, IEnumerable<StoredEvent> events)
    {
        ArgumentNullException.ThrowIfNull(frontier);
        var positioned = new List<StoredEvent>();
        var nodes = new List<MerkleNode>();
        foreach (var e in events)
        {
            var sequenced = e with { Position = frontier.Size + 1 };
            positioned.Add(sequenced);
            nodes.AddRange(frontier.Append(AuditLeaf.Hash(sequenced)));
        }

        return (positioned, nodes);
    }
}
