using Payments.EventStore.Contract;

namespace Payments.Projections.Tests.Support;

/// <summary>Ways a stream consumer can receive records: Streams keeps per-key order but redelivers.</summary>
public static class Deliveries
{
    /// <summary>Interleaves the streams at random, keeping each stream's order, and redelivers some records (right away or later).</summary>
    public static List<StoredEvent> PerKeyOrderWithDuplicates(IReadOnlyList<IReadOnlyList<StoredEvent>> streams, int seed)
    {
        var random = new Random(seed);
        var perKey = streams.Select(s => new Queue<StoredEvent>(WithRedeliveries(s, random))).Where(q => q.Count > 0).ToList();
        var delivery = new List<StoredEvent>();
        while (perKey.Count > 0)
        {
            var pick = random.Next(perKey.Count);
            delivery.Add(perKey[pick].Dequeue());
            if (perKey[pick].Count == 0)
            {
                perKey.RemoveAt(pick);
            }
        }

        return delivery;
    }

    /// <summary>Any order at all, with duplicates: what a shuffled replay of batches looks like.</summary>
    public static List<StoredEvent> Shuffled(IReadOnlyList<IReadOnlyList<StoredEvent>> streams, int seed)
    {
        var random = new Random(seed);
        var all = streams.SelectMany(s => WithRedeliveries(s, random)).ToArray();
        random.Shuffle(all);
        return all.ToList();
    }

    private static List<StoredEvent> WithRedeliveries(IReadOnlyList<StoredEvent> stream, Random random)
    {
        var sequence = new List<StoredEvent>();
        foreach (var e in stream)
        {
            sequence.Add(e);
            if (random.Next(4) == 0)
            {
                sequence.Add(sequence[random.Next(sequence.Count)]);
            }
        }

        return sequence;
    }
}
