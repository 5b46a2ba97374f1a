using FsCheck;
using FsCheck.Fluent;
using Payments.EventStore.Contract;

namespace Payments.TestServices.Audit;

/// <summary>
/// Streams split between two shards of the events stream, each shard read by its own sequencer, as Lambda reads
/// DynamoDB Streams: within a shard a stream's events arrive in version order, across streams in any interleaving, cut
/// into batches of any size; around each batch a fault (<see cref="DeliveryFault"/>); the shards take turns.
/// </summary>
public sealed class SequencingScenario
{
    private readonly int[] _turns;
    private readonly List<SequencingDelivery>[] _deliveries = [[], []];

    private SequencingScenario(int[] lengths, int[] shards, int[] picks, int[] cuts, DeliveryFault[] faults, int[] turns)
    {
        _turns = turns;
        var streams = lengths.Select((length, s) => AuditEvents.Stream(new StreamId($"pay-{s}"), length)).ToList();
        Events = [.. streams.SelectMany(s => s)];
        var draw = 0;
        for (var shard = 0; shard < 2; shard++)
        {
            var order = Interleave(streams.Where((_, s) => shards[s] == shard).ToList(), () => picks[draw++ % picks.Length]);
            var batches = Cut(order, cuts);
            for (var i = 0; i < batches.Count; i++)
            {
                var fault = faults[i % faults.Length];
                var pick = picks[draw++ % picks.Length];
                var batch = fault == DeliveryFault.Duplicate ? [.. batches[i], batches[i][pick % batches[i].Count]] : batches[i];
                _deliveries[shard].Add(new SequencingDelivery(shard, batch, fault == DeliveryFault.Intrude, fault == DeliveryFault.LoseAcknowledgement));
                if (fault == DeliveryFault.RedeliverEarlier)
                {
                    _deliveries[shard].Add(new SequencingDelivery(shard, batches[pick % (i + 1)], false, false));
                }
            }
        }
    }

    /// <summary>Up to 6 streams of 1–4 events each.</summary>
    public static Gen<SequencingScenario> Generator { get; } =
        from streams in Gen.Choose(1, 6)
        from lengths in Gen.Choose(1, 4).ArrayOf(streams)
        from shards in Gen.Choose(0, 1).ArrayOf(streams)
        from picks in Gen.Choose(0, 719).ArrayOf(lengths.Sum() + 1)
        from cuts in Gen.Choose(1, 5).ArrayOf(lengths.Sum())
        from faults in Gen.Elements(Enum.GetValues<DeliveryFault>()).ArrayOf(lengths.Sum())
        from turns in Gen.Choose(0, 1).ArrayOf(2 * lengths.Sum())
        select new SequencingScenario(lengths, shards, picks, cuts, faults, turns);

    /// <summary>Every distinct event of the scenario, unpositioned.</summary>
    public IReadOnlyList<StoredEvent> Events { get; }

    /// <summary>A shard's deliveries, in the order its sequencer receives them.</summary>
    public IReadOnlyList<SequencingDelivery> Deliveries(int shard) => _deliveries[shard];

    /// <summary>Which shard's sequencer goes at step <paramref name="step"/> when both have deliveries left.</summary>
    public int Turn(int step) => _turns[step % _turns.Length];

    public override string ToString() => string.Join("; ", _deliveries.SelectMany(d => d));

    private static List<StoredEvent> Interleave(List<List<StoredEvent>> streams, Func<int> pick)
    {
        var order = new List<StoredEvent>();
        var next = streams.Select(_ => 0).ToArray();
        var open = Enumerable.Range(0, streams.Count).ToList();
        while (open.Count > 0)
        {
            var s = open[pick() % open.Count];
            order.Add(streams[s][next[s]++]);
            if (next[s] == streams[s].Count)
            {
                open.Remove(s);
            }
        }

        return order;
    }

    private static List<List<StoredEvent>> Cut(List<StoredEvent> order, int[] cuts)
    {
        var batches = new List<List<StoredEvent>>();
        for (var at = 0; at < order.Count;)
        {
            var size = Math.Min(cuts[batches.Count % cuts.Length], order.Count - at);
            batches.Add(order.GetRange(at, size));
            at += size;
        }

        return batches;
    }
}
