using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Payments.Aws.EventStore;
using Payments.Aws.Projections;
using Payments.Domain.Decisions;
using Payments.EventStore.Contract;
using Payments.Projections.Projector;
using Payments.Projections.ReadModel;
using Payments.Projections.Tests.Support;
using Payments.TestServices;

namespace Payments.Projections.Tests.DynamoDb;

/// <summary>A rebuild racing the live projector never moves a row backwards, on DynamoDB Local.</summary>
public sealed class DynamoDbPaymentRebuildRaceTests(DynamoDbPaymentsFixture fixture) : IClassFixture<DynamoDbPaymentsFixture>
{
    [Fact]
    public async Task Rebuild_write_of_an_older_version_leaves_the_newer_row()
    {
        var model = fixture.Model;
        var id = Guid.CreateVersion7();
        var history = PaymentStreams.Decide(id, "client_race", 10m, "EUR", [new PaymentCommand.StartProcessing()]);
        var row = PaymentRecord.From(PaymentStreams.Fold(PaymentStreams.Stored(id, history)));
        var newer = row with { Version = 5 };
        Assert.True(await model.Overwrite(newer, CancellationToken.None));

        var written = await model.Overwrite(row with { Version = 4 }, CancellationToken.None);

        Assert.False(written);
        Assert.Equal(newer, await model.Find(id, CancellationToken.None));
        Assert.True(await model.Overwrite(newer with { Version = 5, ErrorMessage = "same version, repaired" }, CancellationToken.None));
    }

    [Fact]
    public async Task Rebuild_that_read_a_stream_before_the_projector_applied_its_next_event_ends_on_the_newest_row()
    {
        var tables = DynamoDbEventStoreTables.WithPrefix(DynamoDbLocal.UniquePrefix());
        await DynamoDbEventStoreSchema.EnsureCreated(fixture.Client, tables, CancellationToken.None);
        await using var live = new DynamoDbEventStore(fixture.Client, tables, TimeProvider.System);
        var model = fixture.Model;
        var projector = new PaymentProjector(live);
        var id = Guid.CreateVersion7();
        var stream = StreamId.For(id);
        var history = PaymentStreams.ToNew(PaymentStreams.Decide(id, "client_race", 10m, "EUR", [new PaymentCommand.StartProcessing(), new PaymentCommand.CompleteOnRamp("on-1", 11m, 1.08m)]));
        Assert.True(history.Count >= 3);
        await live.Append(stream, ExpectedVersion.NoStream, history.Take(history.Count - 1).ToList());
        foreach (var e in await live.ReadStream(stream))
        {
            await projector.Apply(e, model, CancellationToken.None);
        }

        // Right after the rebuild reads the stream, the payment moves on and the live projector writes the newer row.
        using var client = new InterleavingDynamoDb(fixture.Local.ServiceUrl, tables.Events, async () =>
        {
            await live.Append(stream, ExpectedVersion.At(history.Count - 1), [history[^1]]);
            await projector.Apply((await live.ReadStream(stream, history.Count))[0], model, CancellationToken.None);
        });
        await using var rebuildLog = new DynamoDbEventStore(client, tables, TimeProvider.System);

        await DynamoDbPaymentRebuild.Run(rebuildLog, model, CancellationToken.None);

        Assert.True(client.Interleaved);
        var row = await model.Find(id, CancellationToken.None);
        Assert.Equal(history.Count, row!.Version);
        Assert.Equal(PaymentRecord.From(PaymentStreams.Fold(await live.ReadStream(stream))), row);
    }

    /// <summary>DynamoDB Local where the first read of the events table lets another writer act just after it answers.</summary>
    private sealed class InterleavingDynamoDb(Uri serviceUrl, string eventsTable, Func<Task> meanwhile) : AmazonDynamoDBClient(
        new BasicAWSCredentials(DynamoDbLocal.AccessKey, DynamoDbLocal.SecretKey),
        new AmazonDynamoDBConfig { ServiceURL = serviceUrl.ToString(), AuthenticationRegion = DynamoDbLocal.Region })
    {
        public bool Interleaved { get; private set; }

        public override async Task<QueryResponse> QueryAsync(QueryRequest request, CancellationToken cancellationToken = default)
        {
            var response = await base.QueryAsync(request, cancellationToken);
            if (!Interleaved && request.TableName == eventsTable)
            {
                Interleaved = true;
                await meanwhile();
            }

            return response;
        }
    }
}
