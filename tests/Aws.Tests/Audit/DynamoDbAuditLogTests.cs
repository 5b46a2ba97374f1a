using System.Diagnostics;
using Payments.Application.Audit;
using Payments.Aws.Audit;
using Payments.Aws.EventStore;
using Payments.EventStore.Audit;
using Payments.EventStore.Contract;
using Payments.TestServices;
using Payments.TestServices.Audit;
using Xunit.Abstractions;

namespace Payments.Aws.Tests.Audit;

/// <summary>What only the DynamoDB audit log has: transactions of bounded size, buckets, the ordered feed, and the cloud column end to end.</summary>
public sealed class DynamoDbAuditLogTests(DynamoDbLocalFixture dynamo, Moto moto, ITestOutputHelper output) : IClassFixture<DynamoDbLocalFixture>, IClassFixture<Moto>
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Sequencer_splits_stream_batches_into_transactions_that_fit_and_the_feed_reads_them_back_in_order_across_buckets()
    {
        var log = await NewLog();
        var events = Enumerable.Range(0, 150).SelectMany(s => AuditEvents.Stream(new StreamId($"pay-{s}"), 7)).OrderBy(e => e.Version).ToList();
        var sequencer = new AuditSequencer(log, DynamoDbAuditLog.MaxEventsPerAppend);

        var clock = Stopwatch.StartNew();
        foreach (var batch in events.Chunk(100))
        {
            Assert.Equal(batch.Length, await sequencer.Sequence(batch, None));
        }

        output.WriteLine($"sequenced {events.Count} events in batches of 100 in {clock.ElapsedMilliseconds} ms");
        var feed = new List<StoredEvent>();
        for (IReadOnlyList<StoredEvent> page; (page = await log.ReadAll(feed.Count, 333, None)).Count > 0;)
        {
            feed.AddRange(page);
        }

        Assert.Equal(Enumerable.Range(1, events.Count).Select(p => (long)p), feed.Select(e => e.Position));
        Assert.Equal(events.Select(Content), feed.Select(Content));
        Assert.Equal(feed.Select(AuditLeaf.Hash), await log.Leaves(0, events.Count, None));
        var recomputed = MerkleFrontier.Empty();
        feed.ForEach(e => recomputed.Append(AuditLeaf.Hash(e)));
        Assert.Equal(recomputed.Root(), await MerkleProofs.Root(log, events.Count, None));
    }

    [Fact]
    public async Task Conflicting_transactions_unprocessed_reads_and_short_pages_are_read_on_and_retried_until_the_log_is_whole()
    {
        using var busy = new ContendedDynamoDbClient(dynamo.Local.ServiceUrl, conflicts: 2);
        var log = await NewLog(busy);
        var events = Enumerable.Range(0, 12).SelectMany(s => AuditEvents.Stream(new StreamId($"pay-{s}"), 5)).OrderBy(e => e.Version).ToList();
        var sequencer = new AuditSequencer(log, DynamoDbAuditLog.MaxEventsPerAppend);

        foreach (var batch in events.Chunk(20))
        {
            await sequencer.Sequence([.. batch, batch[0]], None);
        }

        Assert.Equal(events.Count, (await log.Sequenced(events, None)).Count);
        Assert.Equal(Enumerable.Range(1, events.Count).Select(p => (long)p), (await log.ReadAll(0, 1000, None)).Select(e => e.Position));
        Assert.Equal(2 * events.Count / 20, busy.Conflicted);
        Assert.True(busy.UnprocessedReads >= events.Count / 20);
    }

    [Fact]
    public async Task Transaction_that_keeps_conflicting_surfaces_after_a_few_attempts_and_writes_nothing()
    {
        using var busy = new ContendedDynamoDbClient(dynamo.Local.ServiceUrl, conflicts: int.MaxValue);
        var log = await NewLog(busy);
        var (positioned, nodes) = AuditEvents.Extend(MerkleFrontier.Empty(), AuditEvents.Stream(new StreamId("pay-busy"), 3));

        await Assert.ThrowsAsync<Amazon.DynamoDBv2.Model.TransactionCanceledException>(() => log.Append(0, positioned, nodes, None));

        Assert.InRange(busy.Conflicted, 2, 10);
        Assert.Equal(0, await log.Size(None));
    }

    [Fact]
    public async Task Append_of_more_events_than_one_transaction_holds_is_refused_before_anything_is_sent()
    {
        var log = await NewLog();
        var (positioned, nodes) = AuditEvents.Extend(MerkleFrontier.Empty(), AuditEvents.Stream(new StreamId("pay-big"), DynamoDbAuditLog.MaxEventsPerAppend + 1));

        await Assert.ThrowsAsync<ArgumentException>(() => log.Append(0, positioned, nodes, None));

        Assert.Equal(0, await log.Size(None));
        Assert.True(await log.Append(0, positioned[..^1], nodes.Where(n => (n.Index + 1) << n.Level <= DynamoDbAuditLog.MaxEventsPerAppend).ToList(), None));
    }

    [Fact]
    public async Task Sequenced_log_reads_a_stream_with_the_positions_given_so_far_and_asks_the_event_store_for_key_owners()
    {
        var (store, log) = await NewCloudLog();
        var stream = StreamId.For(Guid.NewGuid());
        await store.Append(stream, ExpectedVersion.NoStream, [Event(1), Event(2), Event(3)], new UniqueKeyClaim("client_a:key-1", "fp-1"));
        await new AuditSequencer(log, DynamoDbAuditLog.MaxEventsPerAppend).Sequence((await store.ReadStream(stream)).Take(2).ToList(), None);
        var sequenced = new DynamoDbSequencedEventLog(log, store);

        Assert.Equal([1L, 2L, 0L], (await sequenced.ReadStream(stream)).Select(e => e.Position));
        Assert.Equal([2L, 0L], (await sequenced.ReadStream(stream, 2)).Select(e => e.Position));
        Assert.Equal(stream, (await sequenced.FindKeyOwner("client_a:key-1"))?.OwnerStream);
        Assert.Equal([1L, 2L], (await sequenced.ReadAll(0, 10)).Select(e => e.Position));
    }

    [Fact]
    public async Task Cloud_log_sequenced_from_the_events_table_and_signed_through_kms_verifies_clean_and_proves_each_payment()
    {
        var (store, log) = await NewCloudLog();
        var streams = Enumerable.Range(0, 6).Select(_ => StreamId.For(Guid.NewGuid())).ToList();
        foreach (var stream in streams)
        {
            await store.Append(stream, ExpectedVersion.NoStream, [Event(1), Event(2), Event(3)]);
        }

        var arrivals = new List<StoredEvent>();
        foreach (var stream in streams)
        {
            arrivals.AddRange(await store.ReadStream(stream));
        }

        var sequencer = new AuditSequencer(log, DynamoDbAuditLog.MaxEventsPerAppend);
        foreach (var batch in arrivals.OrderBy(e => e.Version).Chunk(5))
        {
            await sequencer.Sequence(batch, None);
        }

        using var kms = moto.Kms();
        var keyId = (await kms.CreateKeyAsync(new Amazon.KeyManagementService.Model.CreateKeyRequest { KeySpec = "ECC_NIST_P256", KeyUsage = "SIGN_VERIFY" })).KeyMetadata.Arn;
        var signer = new KmsCheckpointSigner(kms, keyId);
        var checkpoint = await new AuditCheckpointer(log, signer, TimeProvider.System).Sign(None);
        var audit = new LogAudit(new DynamoDbSequencedEventLog(log, store), log);
        var pinned = await signer.PublicKey(None);

        var report = await audit.Verify(checkpoint, pinned, null, None);
        var payment = await audit.VerifyStream(streams[2], checkpoint, pinned, None);

        Assert.True(report.IsIntact, string.Join("\n", report.Findings));
        Assert.Equal((18L, 6, 18L, (bool?)true), (report.EventsChecked, report.Streams, report.CheckpointSize, report.SignatureValid));
        Assert.True(payment.IsIntact, string.Join("\n", payment.Findings));
        Assert.Equal(checkpoint.TreeSize, (await log.LatestCheckpoint(None))?.TreeSize);
    }

    private async Task<DynamoDbAuditLog> NewLog(Amazon.DynamoDBv2.IAmazonDynamoDB? client = null)
    {
        var table = DynamoDbLocal.UniquePrefix() + DynamoDbAuditLogSchema.DefaultTableName;
        await DynamoDbAuditLogSchema.EnsureCreated(dynamo.Client, table, None);
        return new DynamoDbAuditLog(client ?? dynamo.Client, table, TimeProvider.System);
    }

    private async Task<(DynamoDbEventStore Store, DynamoDbAuditLog Log)> NewCloudLog()
    {
        var tables = DynamoDbEventStoreTables.WithPrefix(DynamoDbLocal.UniquePrefix());
        await DynamoDbEventStoreSchema.EnsureCreated(dynamo.Client, tables, None);
        return (new DynamoDbEventStore(dynamo.Client, tables, TimeProvider.System), await NewLog());
    }

    private static (StreamId, long, string, string, string, string, int) Content(StoredEvent e) =>
        (e.StreamId, e.Version, e.Type, e.Data, e.StoredMetadata!, e.Hash, e.HashScheme);

    private static NewEvent Event(int n) => new("Thing" + n, 1, $$"""{"amount":"{{n}}0.50"}""", new EventMetadata($"corr-{n}", null, "test"));
}
