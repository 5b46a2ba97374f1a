using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Payments.EventStore.Contract;
using Payments.EventStore.Integrity;
using Payments.EventStore.Serialization;
using Payments.EventStore.Tests.Contract;

namespace Payments.EventStore.Tests.Integrity;

public sealed class HashChainProperties
{
    private static readonly string[] Fields = ["type", "data", "metadata", "hash", "occurred_at", "schema_version", "version", "position", "hash_scheme"];

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public Property Any_single_byte_change_of_a_stored_event_is_detected() =>
        Prop.ForAll(Arb.From(AnyTampering), t =>
        {
            var chain = Chain(t.Length, t.Scheme);
            var victim = t.At % t.Length;
            chain[victim] = Tamper(chain[victim], t.Field, t.At, t.Delta);

            var verdict = EventHashChain.Verify(chain);

            // Scheme 1 and 3 leave the position out of the hash: for them only a content change must break the chain.
            var positionBound = t.Scheme == EventHashScheme.StoredBytesAtPosition || t.Field != "position";
            return !positionBound || (!verdict.IsIntact && verdict.BrokenAtVersion <= victim + 1);
        });

    private static readonly Gen<Tampering> AnyTampering =
        from length in Gen.Choose(1, 8)
        from field in Gen.Elements(Fields)
        from at in Gen.Choose(0, 10_000)
        from delta in Gen.Choose(1, 255)
        from scheme in Gen.Elements(EventHashScheme.Canonical, EventHashScheme.StoredBytesAtPosition, EventHashScheme.StoredBytes)
        select new Tampering(length, field, at, (byte)delta, scheme);

    private sealed record Tampering(int Length, string Field, int At, byte Delta, int Scheme);

    [Fact]
    public void A_stream_that_goes_back_to_an_older_scheme_is_broken()
    {
        var chain = Chain(2, EventHashScheme.StoredBytesAtPosition);
        var downgraded = chain[1] with { HashScheme = EventHashScheme.Canonical };
        chain[1] = downgraded with { Hash = EventHashChain.Compute(chain[0].Hash, downgraded) };

        var verdict = EventHashChain.Verify(chain);

        Assert.Equal(2, verdict.BrokenAtVersion);
        Assert.Contains("older scheme", verdict.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_history_written_under_scheme_1_then_scheme_2_verifies()
    {
        var old = Chain(2, EventHashScheme.Canonical);
        var next = Chain(3, EventHashScheme.StoredBytesAtPosition)[2] with { StreamId = old[0].StreamId };
        next = next with { Hash = EventHashChain.Compute(old[1].Hash, next) };

        Assert.True(EventHashChain.Verify([.. old, next]).IsIntact);
    }

    [Fact]
    public void Scheme_2_hashes_the_stored_metadata_bytes_not_a_reserialisation()
    {
        var chain = Chain(1, EventHashScheme.StoredBytesAtPosition);
        // Same parsed metadata, different stored bytes (an escaping change): the stored bytes are what was signed.
        var respaced = chain[0] with { StoredMetadata = chain[0].StoredMetadata + " " };

        Assert.False(EventHashChain.Verify([respaced]).IsIntact);
        Assert.Equal(chain[0].Hash, EventHashChain.Compute(EventHashChain.Genesis, chain[0]));
    }

    [FsCheck.Xunit.Property(MaxTest = 50)]
    public bool Untouched_chain_verifies(PositiveInt length) =>
        EventHashChain.Verify(Chain(Math.Min(length.Get, 40), EventHashScheme.StoredBytesAtPosition)).IsIntact;

    [Fact]
    public void Reordering_two_events_is_detected()
    {
        var chain = Chain(3, EventHashScheme.StoredBytesAtPosition);
        (chain[1], chain[2]) = (chain[2] with { Version = 2 }, chain[1] with { Version = 3 });

        Assert.Equal(2, EventHashChain.Verify(chain).BrokenAtVersion);
    }

    [Fact]
    public void Removing_a_middle_event_is_detected()
    {
        var chain = Chain(4, EventHashScheme.Canonical);
        chain.RemoveAt(1);

        Assert.False(EventHashChain.Verify(chain).IsIntact);
    }

    private static List<StoredEvent> Chain(int length, int scheme)
    {
        var stream = TestEvents.NewStream();
        var previous = EventHashChain.Genesis;
        var events = new List<StoredEvent>();
        for (var v = 1; v <= length; v++)
        {
            var e = TestEvents.Numbered(v);
            var at = new DateTimeOffset(2026, 11, 25, 12, 0, v, TimeSpan.Zero);
            var draft = new StoredEvent(stream, v, 100 + v, e.Type, e.SchemaVersion, at, e.Data, e.Metadata, "", scheme, MetadataJson.Serialize(e.Metadata));
            var stored = draft with { Hash = EventHashChain.Compute(previous, draft) };
            events.Add(stored);
            previous = stored.Hash;
        }

        return events;
    }

    private static StoredEvent Tamper(StoredEvent e, string field, int at, byte delta) => field switch
    {
        "type" => e with { Type = Flip(e.Type, at, delta) },
        "data" => e with { Data = Flip(e.Data, at, delta) },
        "metadata" => e.HashScheme == EventHashScheme.Canonical
            ? e with { Metadata = e.Metadata with { CorrelationId = Flip(e.Metadata.CorrelationId, at, delta) } }
            : e with { StoredMetadata = Flip(e.StoredMetadata!, at, delta) },
        "position" => e with { Position = e.Position ^ delta },
        "hash_scheme" => e with { HashScheme = e.HashScheme ^ delta },
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
