using FsCheck.Fluent;
using Payments.Domain.State;
using Payments.EventStore.Contract;
using Payments.Aws.EventStore;
using Payments.Aws.Projections;
using Payments.Projections.Projector;
using Payments.Projections.ReadModel;
using Payments.Projections.Tests.Support;
using Payments.TestServices;

namespace Payments.Projections.Tests.DynamoDb;

/// <summary>Rebuilding the cloud payments table from a real DynamoDB event log on DynamoDB Local.</summary>
public sealed class DynamoDbPaymentRebuildTests(DynamoDbPaymentsFixture fixture) : IClassFixture<DynamoDbPaymentsFixture>
{
    [Fact]
    public async Task Rebuild_equals_the_incremental_projection_repairs_a_corrupt_row_and_drops_an_orphan()
    {
        var tables = DynamoDbEventStoreTables.WithPrefix(DynamoDbLocal.UniquePrefix());
        await DynamoDbEventStoreSchema.EnsureCreated(fixture.Client, tables, CancellationToken.None);
        await using var store = new DynamoDbEventStore(fixture.Client, tables, TimeProvider.System);
        var ids = new List<Guid>();
        for (var i = 0; i < 8; i++)
        {
            var id = Guid.CreateVersion7();
            var history = PaymentStreams.History(id, "client_rebuild").Sample(1, 1)[0];
            await store.Append(StreamId.For(id), ExpectedVersion.NoStream, PaymentStreams.ToNew(history));
            ids.Add(id);
        }

        var incremental = await Table();
        var projector = new PaymentProjector(store);
        foreach (var id in ids)
        {
            foreach (var e in await store.ReadStream(StreamId.For(id)))
            {
                await projector.Apply(e, incremental, CancellationToken.None);
            }
        }

        var rebuilt = await Table();
        var victim = (await rebuilt.Find(ids[0], CancellationToken.None)) ?? PaymentRecord.From(await Fold(store, ids[0]));
        await rebuilt.Overwrite(victim with { Status = PaymentStatus.Completed, Version = 99, ErrorMessage = "forged" }, CancellationToken.None);
        var orphan = Guid.CreateVersion7();
        await rebuilt.Overwrite(victim with { PaymentId = orphan }, CancellationToken.None);

        var (payments, _, removed) = await DynamoDbPaymentRebuild.Run(store, rebuilt, CancellationToken.None);

        Assert.Equal(1, removed);
        Assert.True(payments >= ids.Count);
        Assert.Null(await rebuilt.Find(orphan, CancellationToken.None));
        foreach (var id in ids)
        {
            var expected = PaymentRecord.From(await Fold(store, id));
            Assert.Equal(expected, await rebuilt.Find(id, CancellationToken.None));
            Assert.Equal(expected, await incremental.Find(id, CancellationToken.None));
        }
    }

    private async Task<DynamoDbPaymentReadModel> Table()
    {
        var name = DynamoDbLocal.UniquePrefix() + DynamoDbPaymentsSchema.DefaultTableName;
        await DynamoDbPaymentsSchema.EnsureCreated(fixture.Client, name, CancellationToken.None);
        return new DynamoDbPaymentReadModel(fixture.Client, name);
    }

    private static async Task<Payment> Fold(IEventReader store, Guid id) =>
        PaymentStreams.Fold(await store.ReadStream(StreamId.For(id)));
}
