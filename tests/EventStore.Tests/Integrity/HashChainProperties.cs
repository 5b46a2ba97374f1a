using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Payments.EventStore.Contract;
using Payments.EventStore.Integrity;
using Payments.EventStore.Tests.Contract;

namespace Payments.EventStore.Tests.Integrity;

public sealed class HashChainProperties
{
    private static readonly string[] Fields = ["type", "data", "metadata", "hash", "occurred_at", "schema_version", "version"];

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public Property Any_single_byte_change_of_a_stored_event_is_detected() =>
        Prop.ForAll(Arb.From(AnyTampering), t =>
        {
            var chain = Chain(t.Length);
            var victim = t.At % t.Length;
            chain[victim] = Tamper(chain[victim], t.Field, t.At, t.Delta);

            var verdict = EventHashChain.Verify(chain);

            return !verdict.IsIntact && verdict.BrokenAtVersion <= victim + 1;
        });

    private static readonly Gen<Tampering> AnyTampering =
        from length in Gen.Choose(1, 8)
        from field in Gen.Elements(Fields)
        from at in Gen.Choose(0, 10_000)
        from delta in Gen.Choose(1, 255)
        select new Tampering(length, field, at, (byte)delta);

    private sealed record Tampering(int Length, string Field, int At, byte Delta);

    [FsCheck.Xunit.Property(MaxTest = 50)]
    public bool Untouched_chain_verifies(PositiveInt length) =>
        EventHashChain.Verify(Chain(Math.Min(length.Get, 40))).IsIntact;

    [Fact]
    public void Reordering_two_events_is_detected()
    {
        var chain = Chain(3);
        (chain[1], chain[2]) = (chain[2] with { Version = 2 }, chain[1] with { Version = 3 });

        Assert.Equal(2, EventHashChain.Verify(chain).BrokenAtVersion);
    }

    [Fact]
    public void Removing_a_middle_event_is_detected()
    {
        var chain = Chain(4);
        chain.RemoveAt(1);

        Assert.False(EventHashChain.Verify(chain).IsIntact);
    }

    private static List<StoredEvent> Chain(int length)
    {
        var stream = TestEvents.NewStream();
        var previous = EventHashChain.Genesis;
        var events = new List<StoredEvent>();
        for (var v = 1; v <= length; v++)
        {
            var e = TestEvents.Numbered(v);
            var at = new DateTimeOffset(2026, 11, 25, 12, 0, v, TimeSpan.Zero);
            var hash = EventHashChain.Compute(previous, stream, v, e.Type, e.SchemaVersion, at, e.Data, e.Metadata);
            events.Add(new StoredEvent(stream, v, v, e.Type, e.SchemaVersion, at, e.Data, e.Metadata, hash));
            previous = hash;
        }

        return events;
    }

    private static StoredEvent Tamper(StoredEvent e, string field, int at, byte delta) => field switch
    {
        "type" => e with { Type = Flip(e.Type, at, delta) },
        "data" => e with { Data = Flip(e.Data, at, delta) },
        "metadata" => e with { Metadata = e.Metadata with { CorrelationId = Flip(e.Metadata.CorrelationId, at, delta) } },
        "hash" => e with { Hash = Flip(e.Hash, at, delta) },
        "occurred_at" => e with { OccurredAt = e.OccurredAt.AddTicks(delta) },
        "schema_version" => e with { SchemaVersion = e.SchemaVersion ^ delta },
        "version" => e with { Version = e.Version ^ delta },
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };

    /// <summary>Changes one byte of the UTF-8 form; an invalid sequence decodes to U+FFFD, still a change.</summary>
    private static string Flip(string text, int at, byte delta)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var i = at % bytes.Length;
        bytes[i] = (byte)(bytes[i] ^ delta);
        var changed = Encoding.UTF8.GetString(bytes);
        return changed == text ? text + "\0" : changed;
    }
}
