using Amazon.DynamoDBv2.Model;
using Payments.EventStore.Contract;
using Payments.Aws.EventStore;
using Payments.EventStore.Integrity;
using Payments.EventStore.Tests.Contract;
using Payments.TestServices;

namespace Payments.EventStore.Tests.DynamoDb;

/// <summary>What the DynamoDB backend promises beyond the shared contract: one winner per version, gap-free positions, the stored item shape.</summary>
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
    public async Task Concurrent_writers_leave_no_gap_in_global_positions()
    {
        var start = await Store.LastPosition(CancellationToken.None);
        const int writers = 20;
        var shared = TestEvents.NewStream();
        await Store.Append(shared, ExpectedVersion.NoStream, TestEvents.Many(1));
        await using var stores = new Stores(fixture, writers);

        await StartingGun.Race(writers, async i =>
        {
            try
            {
                // Half race on one stream (most lose), half write their own: losers must not leave holes.
                var target = i % 2 == 0 ? shared : TestEvents.NewStream();
                await stores[i].Append(target, i % 2 == 0 ? ExpectedVersion.At(1) : ExpectedVersion.NoStream, TestEvents.Many(2));
            }
            catch (WrongExpectedVersionException)
            {
                // the shared stream's losers
            }

            return i;
        });

        var all = await Store.ReadAll(start, 10_000);
        Assert.Equal(Enumerable.Range(1, all.Count).Select(p => start + p), all.Select(e => e.Position));
        Assert.Equal(1 + 2 + (writers / 2 * 2), all.Count);
        Assert.Equal(start + all.Count, await Store.LastPosition(CancellationToken.None));
    }

    [Fact]
    public async Task Appends_sharing_one_transaction_are_settled_one_by_one()
    {
        var start = await Store.LastPosition(CancellationToken.None);
        var shared = TestEvents.NewStream();
        await Store.Append(shared, ExpectedVersion.NoStream, TestEvents.Many(1));
        var key = "mixed-" + Guid.NewGuid();
        const int racers = 30;

        // One process: versions race on one stream, first appends race for one key, the rest are plain.
        var outcomes = await StartingGun.Race(racers, async i =>
        {
            try
            {
                return (i % 3) switch
                {
                    0 => await Store.Append(shared, ExpectedVersion.At(1), [TestEvents.Numbered(i)]),
                    1 => await Store.Append(TestEvents.NewStream(), ExpectedVersion.NoStream, TestEvents.Many(2), new UniqueKeyClaim(key, "fp-" + i)),
                    _ => await Store.Append(TestEvents.NewStream(), ExpectedVersion.NoStream, TestEvents.Many(3)),
                };
            }
            catch (WrongExpectedVersionException)
            {
                return null;
            }
        });

        Assert.Single(outcomes.Where((o, i) => i % 3 == 0 && o is AppendResult.Appended));
        Assert.Single(outcomes.Where((o, i) => i % 3 == 1 && o is AppendResult.Appended));
        Assert.Equal((racers / 3) - 1, outcomes.OfType<AppendResult.UniqueKeyTaken>().Count());
        Assert.All(outcomes.Where((_, i) => i % 3 == 2), o => Assert.IsType<AppendResult.Appended>(o));
        var written = 1 + 1 + 2 + (racers / 3 * 3);
        var all = await Store.ReadAll(start, 10_000);
        Assert.Equal(Enumerable.Range(1, written).Select(p => start + p), all.Select(e => e.Position));
    }

    [Fact]
    public async Task Concurrent_appends_share_transactions()
    {
        var before = Store.TransactionCount;
        var streams = Enumerable.Range(0, 64).Select(_ => TestEvents.NewStream()).ToArray();

        var results = await Task.WhenAll(streams.Select(s => Store.Append(s, ExpectedVersion.NoStream, TestEvents.Many(1))));

        Assert.All(results, r => Assert.IsType<AppendResult.Appended>(r));
        Assert.InRange(Store.TransactionCount - before, 1, 32);
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
    public async Task Read_all_crosses_log_page_boundaries()
    {
        var start = await Store.LastPosition(CancellationToken.None);
        var toBoundary = DynamoDbEventAttributes.PositionsPerLogPage - (start % DynamoDbEventAttributes.PositionsPerLogPage) - 1;
        while (toBoundary > 0)
        {
            var count = (int)Math.Min(toBoundary, AppendValidation.MaxEventsPerAppend);
            await Store.Append(TestEvents.NewStream(), ExpectedVersion.NoStream, TestEvents.Many(count));
            toBoundary -= count;
        }

        var before = await Store.LastPosition(CancellationToken.None);
        await Store.Append(TestEvents.NewStream(), ExpectedVersion.NoStream, TestEvents.Many(3));

        var read = await Store.ReadAll(before - 1, 10);

        Assert.Equal(Enumerable.Range(0, 4).Select(i => before + i), read.Select(e => e.Position));
    }

    [Fact]
    public async Task Stored_item_carries_the_spec_keys_and_the_log_page()
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
        Assert.Equal(stored.Position / DynamoDbEventAttributes.PositionsPerLogPage, DynamoDbEventItem.Long(item, "log_page"));
        Assert.Equal((await Store.ReadStream(stream))[0], stored);
    }

    [Fact]
    public async Task Events_table_has_streams_with_new_image_and_the_position_index()
    {
        var table = (await fixture.Client.DescribeTableAsync(fixture.Tables.Events)).Table;

        Assert.True(table.StreamSpecification.StreamEnabled);
        Assert.Equal("NEW_IMAGE", table.StreamSpecification.StreamViewType.Value);
        Assert.Contains(table.GlobalSecondaryIndexes, i => i.IndexName == DynamoDbEventAttributes.ByPositionIndex);
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
}
