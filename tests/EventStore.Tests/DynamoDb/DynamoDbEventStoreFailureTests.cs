using System.Net;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Payments.Aws.EventStore;
using Payments.EventStore.Contract;
using Payments.EventStore.Integrity;
using Payments.EventStore.Tests.Contract;
using Payments.TestServices;

namespace Payments.EventStore.Tests.DynamoDb;

/// <summary>DynamoDB's limits are checked before sending, and a doubtful outcome is settled by reading back, on DynamoDB Local.</summary>
public sealed class DynamoDbEventStoreFailureTests(DynamoDbStoreFixture fixture) : IClassFixture<DynamoDbStoreFixture>
{
    [Fact]
    public async Task An_event_over_400_KB_in_UTF_8_is_refused_alone_while_another_payments_append_succeeds()
    {
        using var client = new ScriptedDynamoDb(fixture.Local.ServiceUrl);
        var store = new DynamoDbEventStore(client, fixture.Tables, TimeProvider.System);
        // 140,000 characters (under 400 K in UTF-16 units) but 420,000 bytes in UTF-8.
        var oversized = new NewEvent("Big", 1, "{\"note\":\"" + new string('€', 140_000) + "\"}", TestEvents.Metadata);
        var big = TestEvents.NewStream();
        var small = TestEvents.NewStream();

        var refused = Record.ExceptionAsync(() => store.Append(big, ExpectedVersion.NoStream, [oversized], new UniqueKeyClaim("big-" + Guid.NewGuid(), "fp")));
        var appended = store.Append(small, ExpectedVersion.NoStream, TestEvents.Many(2), new UniqueKeyClaim("small-" + Guid.NewGuid(), "fp"));
        await Task.WhenAll(refused, appended);

        var error = Assert.IsType<ArgumentException>(await refused);
        Assert.Contains("400 KB", error.Message, StringComparison.Ordinal);
        Assert.Contains(big.Value, error.Message, StringComparison.Ordinal);
        Assert.Equal(2, Assert.IsType<AppendResult.Appended>(await appended).Version);
        Assert.Empty(await fixture.Dynamo.ReadStream(big));
        Assert.Single(client.Transactions);
    }

    [Fact]
    public async Task An_append_over_4_MB_in_all_is_refused_before_sending()
    {
        using var client = new ScriptedDynamoDb(fixture.Local.ServiceUrl);
        var store = new DynamoDbEventStore(client, fixture.Tables, TimeProvider.System);
        var each = new NewEvent("Big", 1, "{\"pad\":\"" + new string('x', 390 * 1024) + "\"}", TestEvents.Metadata);

        var error = await Assert.ThrowsAsync<ArgumentException>(() => store.Append(TestEvents.NewStream(), ExpectedVersion.NoStream, Enumerable.Repeat(each, 11).ToList()));

        Assert.Contains("4 MB", error.Message, StringComparison.Ordinal);
        Assert.Empty(client.Transactions);
    }

    [Fact]
    public async Task An_append_of_101_events_is_refused_before_anything_is_sent()
    {
        using var client = new ScriptedDynamoDb(fixture.Local.ServiceUrl);
        var store = new DynamoDbEventStore(client, fixture.Tables, TimeProvider.System);

        await Assert.ThrowsAsync<ArgumentException>(() => store.Append(TestEvents.NewStream(), ExpectedVersion.NoStream, TestEvents.Many(101)));

        Assert.Empty(client.Transactions);
        Assert.Equal(0, client.Calls);
    }

    [Fact]
    public void A_transaction_of_more_than_100_items_is_refused_by_name()
    {
        var request = new TransactWriteItemsRequest
        {
            TransactItems = Enumerable.Range(0, 101).Select(i => new TransactWriteItem { Put = new Put { TableName = "t", Item = new() { ["k"] = new AttributeValue { S = "v" + i } } } }).ToList(),
        };

        var error = Assert.Throws<ArgumentException>(() => DynamoDbAppendLimits.Check(request));

        Assert.Contains("at most 100", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Item_size_counts_UTF_8_bytes_of_names_and_values()
    {
        var item = new Dictionary<string, AttributeValue> { ["é"] = new() { S = "€€" }, ["n"] = new() { N = "12345" } };

        Assert.Equal(2 + 6 + 1 + 4, DynamoDbAppendLimits.ItemBytes(item));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_commit_whose_answer_is_lost_is_reported_as_committed_and_written_once(bool claim)
    {
        using var client = new ScriptedDynamoDb(fixture.Local.ServiceUrl) { ThrowAfterForwarding = 1 };
        var store = new DynamoDbEventStore(client, fixture.Tables, TimeProvider.System);
        var stream = TestEvents.NewStream();
        var key = "lost-" + Guid.NewGuid();

        var first = await store.Append(stream, ExpectedVersion.NoStream, TestEvents.Many(2), claim ? new UniqueKeyClaim(key, "fp") : null);
        client.ThrowAfterForwarding = 1;
        var second = await store.Append(stream, ExpectedVersion.At(2), TestEvents.Many(1, 2));

        Assert.Equal(new AppendResult.Appended(2, 0), first);
        Assert.Equal(new AppendResult.Appended(3, 0), second);
        var events = await fixture.Dynamo.ReadStream(stream);
        Assert.Equal([1L, 2L, 3L], events.Select(e => e.Version));
        Assert.True(EventHashChain.Verify(events).IsIntact);
        Assert.Equal(2, client.Transactions.Count);
        if (claim)
        {
            Assert.Equal(new AppendResult.UniqueKeyTaken(key, stream, "fp"), await fixture.Dynamo.FindKeyOwner(key));
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_retry_that_meets_its_own_earlier_commit_is_a_success_not_a_conflict(bool claim)
    {
        // The SDK's own retry after a lost answer: the second send fails its conditions against the first's writes.
        using var client = new ScriptedDynamoDb(fixture.Local.ServiceUrl) { SendTwice = true };
        var store = new DynamoDbEventStore(client, fixture.Tables, TimeProvider.System);
        var stream = TestEvents.NewStream();

        var result = await store.Append(stream, ExpectedVersion.NoStream, TestEvents.Many(2), claim ? new UniqueKeyClaim("twice-" + Guid.NewGuid(), "fp") : null);

        Assert.Equal(new AppendResult.Appended(2, 0), result);
        Assert.Equal(2, (await fixture.Dynamo.ReadStream(stream)).Count);
    }

    [Fact]
    public async Task A_request_that_never_reached_DynamoDB_is_sent_again_and_written_once()
    {
        using var client = new ScriptedDynamoDb(fixture.Local.ServiceUrl) { ThrowBeforeForwarding = 1 };
        var store = new DynamoDbEventStore(client, fixture.Tables, TimeProvider.System);
        var stream = TestEvents.NewStream();

        var result = await store.Append(stream, ExpectedVersion.NoStream, TestEvents.Many(1));

        Assert.Equal(new AppendResult.Appended(1, 0), result);
        Assert.Single(await fixture.Dynamo.ReadStream(stream));
        Assert.Equal(2, client.Transactions.Count);
    }

    [Fact]
    public async Task A_lost_answer_to_a_losing_append_is_still_a_version_conflict()
    {
        var stream = TestEvents.NewStream();
        await fixture.Dynamo.Append(stream, ExpectedVersion.NoStream, TestEvents.Many(1));
        using var client = new ScriptedDynamoDb(fixture.Local.ServiceUrl) { SendTwice = true };
        var store = new DynamoDbEventStore(client, fixture.Tables, TimeProvider.System);

        await Assert.ThrowsAsync<WrongExpectedVersionException>(() => store.Append(stream, ExpectedVersion.NoStream, TestEvents.Many(1, 7)));
    }

    /// <summary>DynamoDB Local behind a network that loses answers or requests on cue.</summary>
    private sealed class ScriptedDynamoDb(Uri serviceUrl) : AmazonDynamoDBClient(
        new BasicAWSCredentials(DynamoDbLocal.AccessKey, DynamoDbLocal.SecretKey),
        new AmazonDynamoDBConfig { ServiceURL = serviceUrl.ToString(), AuthenticationRegion = DynamoDbLocal.Region })
    {
        private int _calls;

        public List<TransactWriteItemsRequest> Transactions { get; } = [];

        public int Calls => _calls;

        /// <summary>How many of the next transactions reach DynamoDB and then lose their answer.</summary>
        public int ThrowAfterForwarding { get; set; }

        /// <summary>How many of the next transactions are lost on the way.</summary>
        public int ThrowBeforeForwarding { get; set; }

        public bool SendTwice { get; init; }

        public override async Task<TransactWriteItemsResponse> TransactWriteItemsAsync(TransactWriteItemsRequest request, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _calls);
            lock (Transactions)
            {
                Transactions.Add(request);
            }

            if (ThrowBeforeForwarding > 0)
            {
                ThrowBeforeForwarding--;
                throw new HttpRequestException("simulated: connection refused");
            }

            var response = await base.TransactWriteItemsAsync(request, cancellationToken);
            if (SendTwice)
            {
                // A fresh token, as a retry without idempotency would carry, so DynamoDB Local judges the conditions again.
                request.ClientRequestToken = Guid.NewGuid().ToString("N");
                return await base.TransactWriteItemsAsync(request, cancellationToken);
            }

            if (ThrowAfterForwarding > 0)
            {
                ThrowAfterForwarding--;
                throw new AmazonDynamoDBException("simulated: the answer was lost after the commit") { StatusCode = HttpStatusCode.InternalServerError };
            }

            return response;
        }

        public override Task<GetItemResponse> GetItemAsync(GetItemRequest request, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _calls);
            return base.GetItemAsync(request, cancellationToken);
        }
    }
}
