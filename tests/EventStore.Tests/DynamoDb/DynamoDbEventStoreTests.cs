using Amazon.DynamoDBv2.Model;
using Payments.EventStore.Contract;
using Payments.Aws.EventStore;
using Payments.EventStore.Integrity;
using Payments.EventStore.Tests.Contract;
using Payments.TestServices;

namespace Payments.EventStore.Tests.DynamoDb;

/// <summary>What the DynamoDB backend promises beyond the shared contract: one winner per version, no item shared between payments, the stored item shape.</summary>
public sealed class DynamoDbEventStoreTests(DynamoDbStoreFixture fixture) : IClassFixture<DynamoDbStoreFixture>
{
    private DynamoDbEventStore Store => fixture.Dynamo;

    [Fact]
    public async Task Twenty_concurrent_appenders_on_one_stream_get_exactly_one_winner_per_version()
    {
        const int writers = 20;
        const int rounds = 3;
        var stream = TestEvents.NewStream();
        await Store.Append(stream, ExpectedVersion.NoStream, TestEvents.Many(1));

        // Separate store instances, like separate Lambda containers: nothing in-process serializes them.
        await using var stores = new Stores(fixture, writers);

        for (var round = 0; round < rounds; round++)
        {
            var version = 1 + round;
            var wins = await StartingGun.Race(writers, async i =>
            {
                try
                {
                    await stores[i].Append(stream, ExpectedVersion.At(version), [TestEvents.Numbered((round * 100) + i)]);
                    return 1;
                }
                catch (WrongExpectedVersionException)
                {
                    return 0;
                }
            });
            Assert.Equal(1, wins.Sum());
        }

        var read = await Store.ReadStream(stream);
        Assert.Equal(Enumerable.Range(1, rounds + 1).Select(v => (long)v), read.Select(e => e.Version));
        Assert.True(EventHashChain.Verify(read).IsIntact);
    }

    [Fact]
    public async Task Appends_of_different_payments_share_no_item_so_writers_never_contend_across_payments()
    {
        using var client = new RecordingDynamoDb(fixture.Local.ServiceUrl);
        var store = new DynamoDbEventStore(client, fixture.Tables, TimeProvider.System);
        var first = TestEvents.NewStream();
        var second = TestEvents.NewStream();

        await store.Append(first, ExpectedVersion.NoStream, TestEvents.Many(2), new UniqueKeyClaim("hot-" + Guid.NewGuid(), "fp-1"));
        await store.Append(second, ExpectedVersion.NoStream, TestEvents.Many(2), new UniqueKeyClaim("hot-" + Guid.NewGuid(), "fp-2"));
        await store.Append(first, ExpectedVersion.At(2), TestEvents.Many(1, 2));
        await store.Append(second, ExpectedVersion.At(2), TestEvents.Many(1, 2));

        var items = client.Transactions.Select(t => t.TransactItems.Select(ItemOf).ToHashSet()).ToList();
        Assert.Equal(4, items.Count);
        foreach (var (mine, theirs) in new[] { (0, 1), (0, 3), (2, 1), (2, 3) })
        {
            Assert.Empty(items[mine].Intersect(items[theirs]));
        }

        Assert.All(items.SelectMany(i => i), item => Assert.True(
            item.StartsWith(fixture.Tables.Events + "|", StringComparison.Ordinal) || item.StartsWith(fixture.Tables.UniqueKeys + "|", StringComparison.Ordinal),
            $"{item} is outside the payment's own items"));
    }

    [Fact]
    public async Task Appends_carry_no_global_position_and_streams_are_listed_from_their_first_events()
    {
        var streams = Enumerable.Range(0, 3).Select(_ => TestEvents.NewStream()).ToArray();
        foreach (var stream in streams)
        {
            var appended = Assert.IsType<AppendResult.Appended>(await Store.Append(stream, ExpectedVersion.NoStream, TestEvents.Many(2)));
            Assert.Equal((2L, 0L), (appended.Version, appended.Position));
        }

        var listed = await Store.StreamIds(CancellationToken.None);

        Assert.All(streams, s => Assert.Contains(s, listed));
        Assert.Equal(listed.Count, listed.Distinct().Count());
    }

    [Theory]
    [InlineData("data", "{\"n\":2,\"note\":\"tampered\"}")]
    [InlineData("type", "Other")]
    [InlineData("occurred_at", "2020-01-01T00:00:00.0000000Z")]
    public async Task Editing_a_stored_item_breaks_the_hash_chain_at_that_version(string attribute, string forged)
    {
        var stream = TestEvents.NewStream();
        await Store.Append(stream, ExpectedVersion.NoStream, TestEvents.Many(4));

        await fixture.Client.UpdateItemAsync(new UpdateItemRequest
        {
            TableName = fixture.Tables.Events,
            Key = new() { ["payment_id"] = new AttributeValue { S = stream.Value }, ["version"] = new AttributeValue { N = "2" } },
            UpdateExpression = "SET #a = :v",
            ExpressionAttributeNames = new() { ["#a"] = attribute },
            ExpressionAttributeValues = new() { [":v"] = new AttributeValue { S = forged } },
        });

        var verdict = EventHashChain.Verify(await Store.ReadStream(stream));
        Assert.False(verdict.IsIntact);
        Assert.Equal(2, verdict.BrokenAtVersion);
    }

    [Fact]
    public async Task Stored_item_reads_back_as_the_stored_event_without_a_position()
    {
        var stream = TestEvents.NewStream();
        await Store.Append(stream, ExpectedVersion.NoStream, TestEvents.Many(1));

        var item = (await fixture.Client.GetItemAsync(new GetItemRequest
        {
            TableName = fixture.Tables.Events,
            ConsistentRead = true,
            Key = new() { ["payment_id"] = new AttributeValue { S = stream.Value }, ["version"] = new AttributeValue { N = "1" } },
        })).Item;

        var stored = DynamoDbEventItem.ToStoredEvent(item);
        Assert.False(item.ContainsKey("position"));
        Assert.False(item.ContainsKey("log_page"));
        Assert.Equal((await Store.ReadStream(stream))[0], stored);
    }

    [Fact]
    public async Task Events_table_has_streams_with_new_image_and_no_global_index()
    {
        var table = (await fixture.Client.DescribeTableAsync(fixture.Tables.Events)).Table;

        Assert.True(table.StreamSpecification.StreamEnabled);
        Assert.Equal("NEW_IMAGE", table.StreamSpecification.StreamViewType.Value);
        Assert.Empty(table.GlobalSecondaryIndexes ?? []);
        Assert.Equal(["payment_id", "version"], table.KeySchema.Select(k => k.AttributeName));
    }

    /// <summary>Independent store instances over the fixture's tables.</summary>
    private sealed class Stores(DynamoDbStoreFixture fixture, int count) : IAsyncDisposable
    {
        private readonly DynamoDbEventStore[] _stores = Enumerable.Range(0, count).Select(_ => new DynamoDbEventStore(fixture.Client, fixture.Tables, TimeProvider.System)).ToArray();

        public DynamoDbEventStore this[int index] => _stores[index];

        public async ValueTask DisposeAsync()
        {
            foreach (var store in _stores)
            {
                await store.DisposeAsync();
            }
        }
    }

    private static string ItemOf(TransactWriteItem item) =>
        item.Put is { } put
            ? $"{put.TableName}|{string.Join("|", put.Item.Where(a => a.Key is "payment_id" or "version" or "unique_key").OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => a.Value.S ?? a.Value.N))}"
            : item.Update is { } update ? $"{update.TableName}|{string.Join("|", update.Key.Values.Select(v => v.S ?? v.N))}"
            : item.ConditionCheck is { } check ? $"{check.TableName}|{string.Join("|", check.Key.Values.Select(v => v.S ?? v.N))}"
            : $"{item.Delete!.TableName}|{string.Join("|", item.Delete.Key.Values.Select(v => v.S ?? v.N))}";

    /// <summary>A DynamoDB Local client that keeps every transaction it sends.</summary>
    private sealed class RecordingDynamoDb(Uri serviceUrl) : Amazon.DynamoDBv2.AmazonDynamoDBClient(
        new Amazon.Runtime.BasicAWSCredentials(DynamoDbLocal.AccessKey, DynamoDbLocal.SecretKey),
        new Amazon.DynamoDBv2.AmazonDynamoDBConfig { ServiceURL = serviceUrl.ToString(), AuthenticationRegion = DynamoDbLocal.Region })
    {
        public List<TransactWriteItemsRequest> Transactions { get; } = [];

        public override Task<TransactWriteItemsResponse> TransactWriteItemsAsync(TransactWriteItemsRequest request, CancellationToken cancellationToken = default)
        {
            Transactions.Add(request);
            return base.TransactWriteItemsAsync(request, cancellationToken);
        }
    }
}
