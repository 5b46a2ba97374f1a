using System.Text.Json;
using FsCheck.Fluent;
using FsCheck;
using Payments.EventStore.Contract;
using Payments.EventStore.Integrity;
using Payments.TestServices;

namespace Payments.EventStore.Tests.Contract;

/// <summary>Generated checks of the contract, run against any backend like the example-based suite.</summary>
public abstract class EventStoreProperties<TFixture>(TFixture fixture) : IClassFixture<TFixture>
    where TFixture : class, IEventStoreFixture
{
    private static readonly Gen<NewEvent> AnyEvent =
        from type in Gen.Elements("Opened", "Moved", "Closed", "Ünïcode✓")
        from schema in Gen.Choose(1, 3)
        from text in ArbMap.Default.GeneratorFor<NonNull<string>>().Select(s => s.Get)
        from amount in ArbMap.Default.GeneratorFor<decimal>()
        from correlation in Gen.Elements("c1", "c-2", "ç")
        select new NewEvent(type, schema, $"{{\"text\":{JsonSerializer.Serialize(text, TestJsonContext.Default.String)},\"amount\":{amount.ToString(System.Globalization.CultureInfo.InvariantCulture)}}}", new EventMetadata(correlation, null, "prop"));

    private static readonly Gen<List<NewEvent>> AnyBatch =
        from size in Gen.Choose(1, 4)
        from events in AnyEvent.ListOf(size)
        select events.ToList();

    private static readonly Gen<List<List<NewEvent>>> AnyBatches =
        from count in Gen.Choose(1, 5)
        from batches in AnyBatch.ListOf(count)
        select batches.ToList();

    protected IEventStore Store => fixture.Store;

    [FsCheck.Xunit.Property(MaxTest = 40)]
    public Property Appended_batches_read_back_identically_with_contiguous_versions() =>
        Prop.ForAll(Arb.From(AnyBatches), batches =>
        {
            var stream = TestEvents.NewStream();
            long version = 0;
            foreach (var batch in batches)
            {
                Run(Store.Append(stream, ExpectedVersion.At(version), batch));
                version += batch.Count;
            }

            var read = Run(Store.ReadStream(stream));
            var written = batches.SelectMany(b => b).ToList();
            return read.Count == written.Count
                && read.Select((e, i) => e.Version == i + 1 && e.Type == written[i].Type && e.Data == written[i].Data
                    && e.SchemaVersion == written[i].SchemaVersion && e.Metadata == written[i].Metadata).All(ok => ok)
                && EventHashChain.Verify(read).IsIntact;
        });

    [FsCheck.Xunit.Property(MaxTest = 15)]
    public Property N_concurrent_appends_at_one_expected_version_have_exactly_one_winner() =>
        Prop.ForAll(Arb.From(Gen.Choose(2, 24)), Arb.From(Gen.Choose(0, 3)), (writers, existing) =>
        {
            var stream = TestEvents.NewStream();
            if (existing > 0)
            {
                Run(Store.Append(stream, ExpectedVersion.NoStream, TestEvents.Many(existing)));
            }

            var wins = Run(StartingGun.Race(writers, async i =>
            {
                try
                {
                    await Store.Append(stream, ExpectedVersion.At(existing), [TestEvents.Numbered(i)]);
                    return 1;
                }
                catch (WrongExpectedVersionException)
                {
                    return 0;
                }
            })).Sum();
            var read = Run(Store.ReadStream(stream));
            return wins == 1 && read.Count == existing + 1 && read[^1].Version == existing + 1;
        });

    private static T Run<T>(Task<T> task) => task.GetAwaiter().GetResult();
}
