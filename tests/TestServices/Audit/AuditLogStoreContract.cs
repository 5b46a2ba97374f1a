using FsCheck;
using FsCheck.Fluent;
using Payments.Application.Audit;
using Payments.EventStore.Audit;
using Payments.EventStore.Contract;
using Xunit;

namespace Payments.TestServices.Audit;

/// <summary>
/// What every audit log store owes the builder, the sequencer and the auditors, written once: each backend subclasses
/// it and supplies fresh, empty stores. The last two tests drive <see cref="AuditSequencer"/> as the cloud runs it,
/// two of them over one store, and check the outcome against a tree recomputed from the events.
/// </summary>
public abstract class AuditLogStoreContract : IAsyncLifetime
{
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly List<IAuditLogStore> _stores = [];

    /// <summary>The most events the backend takes in one append.</summary>
    protected virtual int MaxEventsPerAppend => int.MaxValue;

    /// <summary>Scenarios the sequencing property runs; each one on a store of its own.</summary>
    protected virtual int SequencingScenarios => 100;

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _stores.OfType<IAsyncDisposable>())
        {
            await store.DisposeAsync();
        }
    }

    [Fact]
    public async Task Empty_log_has_size_zero_no_leaves_no_nodes_and_no_checkpoint()
    {
        var store = await Store();

        Assert.Equal(0, await store.Size(None));
        Assert.Empty(await store.Leaves(0, 10, None));
        Assert.Null(await store.LatestCheckpoint(None));
        await Assert.ThrowsAsync<KeyNotFoundException>(async () => await store.Node(0, 0, None));
        Assert.Equal(MerkleHash.Empty, await MerkleProofs.Root(store, 0, None));
    }

    [Fact]
    public async Task Append_stores_positions_leaves_and_every_completed_node_and_grows_the_size()
    {
        var store = await Store();
        var frontier = MerkleFrontier.Empty();
        var (first, firstNodes) = AuditEvents.Extend(frontier, AuditEvents.Stream(Stream("a"), 3));
        var (second, secondNodes) = AuditEvents.Extend(frontier, AuditEvents.Stream(Stream("b"), 4));

        Assert.True(await store.Append(0, first, firstNodes, None));
        Assert.True(await store.Append(3, second, secondNodes, None));

        Assert.Equal(7, await store.Size(None));
        Assert.Equal(first.Concat(second).Select(AuditLeaf.Hash), await store.Leaves(0, 100, None));
        Assert.Equal(second.Skip(1).Take(2).Select(AuditLeaf.Hash), await store.Leaves(4, 2, None));
        foreach (var node in firstNodes.Concat(secondNodes))
        {
            Assert.Equal(node.Hash, await store.Node(node.Level, node.Index, None));
        }

        Assert.Equal(frontier.Root(), await MerkleProofs.Root(store, 7, None));
        var positions = await store.Sequenced([.. first, .. second], None);
        Assert.Equal(first.Concat(second).Select(e => e.Position), first.Concat(second).Select(e => positions[(e.StreamId, e.Version)]));
    }

    [Fact]
    public async Task Append_with_a_stale_expected_size_returns_false_and_writes_nothing()
    {
        var store = await Store();
        var (logged, nodes) = AuditEvents.Extend(MerkleFrontier.Empty(), AuditEvents.Stream(Stream("a"), 3));
        Assert.True(await store.Append(0, logged, nodes, None));
        var late = AuditEvents.Stream(Stream("b"), 2);

        var (behind, behindNodes) = AuditEvents.Extend(MerkleFrontier.Empty(), late);
        Assert.False(await store.Append(0, behind, behindNodes, None));
        var elsewhere = MerkleFrontier.Empty();
        AuditEvents.Extend(elsewhere, AuditEvents.Stream(Stream("x"), 4));
        var (ahead, aheadNodes) = AuditEvents.Extend(elsewhere, late);
        Assert.False(await store.Append(4, ahead, aheadNodes, None));

        Assert.Equal(3, await store.Size(None));
        Assert.Empty(await store.Sequenced(late, None));
        Assert.Equal(logged.Select(AuditLeaf.Hash), await store.Leaves(0, 100, None));
        await Assert.ThrowsAsync<KeyNotFoundException>(async () => await store.Node(0, 3, None));
    }

    [Fact]
    public async Task Append_of_an_already_sequenced_event_returns_false_and_writes_nothing()
    {
        var store = await Store();
        var a = AuditEvents.Stream(Stream("a"), 2);
        var frontier = MerkleFrontier.Empty();
        var (logged, nodes) = AuditEvents.Extend(frontier, a);
        Assert.True(await store.Append(0, logged, nodes, None));
        var fresh = AuditEvents.Stream(Stream("c"), 1)[0];

        var (again, againNodes) = AuditEvents.Extend(frontier, [fresh, a[1]]);
        Assert.False(await store.Append(2, again, againNodes, None));

        Assert.Equal(2, await store.Size(None));
        Assert.Empty(await store.Sequenced([fresh], None));
        Assert.Equal(2, (await store.Sequenced(a, None))[(a[1].StreamId, 2)]);
        Assert.Equal(logged.Select(AuditLeaf.Hash), await store.Leaves(0, 100, None));
    }

    [Fact]
    public async Task Latest_checkpoint_is_the_largest_tree_and_of_one_size_the_newest()
    {
        var store = await Store();
        var t = new DateTimeOffset(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

        await store.SaveCheckpoint(Checkpoint(2, t.AddMinutes(1)), None);
        await store.SaveCheckpoint(Checkpoint(5, t), None);
        await store.SaveCheckpoint(Checkpoint(5, t.AddMinutes(2)), None);
        await store.SaveCheckpoint(Checkpoint(3, t.AddMinutes(9)), None);
        await store.SaveCheckpoint(Checkpoint(5, t.AddMinutes(1)), None);

        var latest = await store.LatestCheckpoint(None);
        var expected = Checkpoint(5, t.AddMinutes(2));
        Assert.NotNull(latest);
        Assert.Equal((expected.Origin, expected.TreeSize, expected.IssuedAt), (latest.Origin, latest.TreeSize, latest.IssuedAt));
        Assert.Equal(expected.RootHash, latest.RootHash);
        Assert.Equal(expected.PublicKey, latest.PublicKey);
        Assert.Equal(expected.Signature, latest.Signature);
    }

    /// <summary>
    /// Duplicates, redeliveries of earlier batches, lost acknowledgements and a second sequencer writing between the
    /// first one's reads and its write, in any mix: each event ends with exactly one position, 1..N without a gap, a
    /// stream's in version order, and the stored tree is the tree of the events in that order.
    /// </summary>
    [Fact]
    public Task Racing_sequencers_under_any_fault_schedule_give_each_event_one_position_without_gaps_and_the_tree_of_that_order() =>
        Task.Run(() => Check.One(
            Config.QuickThrowOnFailure.WithMaxTest(SequencingScenarios),
            Prop.ForAll(Arb.From(SequencingScenario.Generator), (SequencingScenario scenario) => Replay(scenario))));

    [Fact]
    public async Task Two_sequencers_released_together_on_disjoint_streams_leave_one_order_without_gaps()
    {
        var store = await Store();
        var shards = Enumerable.Range(0, 2).Select(side =>
            Enumerable.Range(0, 4).SelectMany(i => AuditEvents.Stream(Stream($"shard{side}-{i}"), 3)).OrderBy(e => e.Version).Chunk(3).ToList()).ToList();

        await StartingGun.Race(shards.Count, async shard =>
        {
            var sequencer = new AuditSequencer(store, MaxEventsPerAppend);
            var added = 0;
            foreach (var batch in shards[shard])
            {
                added += await sequencer.Sequence(batch, None);
            }

            return added;
        });

        await AssertOneGapFreeOrderAndItsTree(store, [.. shards.SelectMany(b => b).SelectMany(b => b)]);
    }

    /// <summary>A fresh, empty store of the backend under test.</summary>
    protected abstract Task<IAuditLogStore> NewStore();

    private async Task<IAuditLogStore> Store()
    {
        var store = await NewStore();
        _stores.Add(store);
        return store;
    }

    private async Task Replay(SequencingScenario scenario)
    {
        var store = await Store();
        var views = new[] { new FaultingAuditLogStore(store), new FaultingAuditLogStore(store) };
        var sequencers = views.Select(view => new AuditSequencer(view, MaxEventsPerAppend)).ToArray();
        var queues = new[] { new Queue<SequencingDelivery>(scenario.Deliveries(0)), new Queue<SequencingDelivery>(scenario.Deliveries(1)) };
        for (var step = 0; queues.Any(q => q.Count > 0); step++)
        {
            var shard = queues[scenario.Turn(step)].Count > 0 ? scenario.Turn(step) : 1 - scenario.Turn(step);
            await Deliver(queues[shard].Dequeue());
        }

        await AssertOneGapFreeOrderAndItsTree(store, scenario.Events);

        async Task Deliver(SequencingDelivery delivery)
        {
            var view = views[delivery.Shard];
            var other = 1 - delivery.Shard;
            if (delivery.Intrude && queues[other].TryDequeue(out var intruder))
            {
                view.BeforeNextAppend = () => Deliver(intruder with { Intrude = false });
            }

            view.LoseNextAcknowledgement = delivery.LoseAcknowledgement;
            while (true)
            {
                try
                {
                    await sequencers[delivery.Shard].Sequence(delivery.Events, None);
                    break;
                }
                catch (AcknowledgementLostException)
                {
                    // The stream hands the same batch over again.
                }
            }

            view.LoseNextAcknowledgement = false;
            if (view.BeforeNextAppend is { } unused)
            {
                // Nothing was left to append, so the other shard's delivery simply goes next.
                view.BeforeNextAppend = null;
                await unused();
            }
        }
    }

    private static async Task AssertOneGapFreeOrderAndItsTree(IAuditLogStore store, IReadOnlyList<StoredEvent> events)
    {
        var positions = await store.Sequenced(events, None);
        var distinct = events.DistinctBy(e => (e.StreamId, e.Version)).ToList();

        Assert.Equal(distinct.Count, positions.Count);
        Assert.Equal(Enumerable.Range(1, distinct.Count).Select(p => (long)p), positions.Values.Order());
        Assert.Equal(distinct.Count, await store.Size(None));
        Assert.All(distinct.GroupBy(e => e.StreamId), stream =>
            Assert.Equal(stream.Select(e => positions[(e.StreamId, e.Version)]).Order(), stream.OrderBy(e => e.Version).Select(e => positions[(e.StreamId, e.Version)])));
        var leaves = distinct.Select(e => e with { Position = positions[(e.StreamId, e.Version)] }).OrderBy(e => e.Position).Select(AuditLeaf.Hash).ToList();
        var recomputed = MerkleFrontier.Empty();
        leaves.ForEach(leaf => recomputed.Append(leaf));
        Assert.Equal(recomputed.Root(), await MerkleProofs.Root(store, distinct.Count, None));
        Assert.Equal(leaves, await store.Leaves(0, distinct.Count, None));
    }

    private static StreamId Stream(string name) => new($"{name}-{Guid.NewGuid():N}");

    private static SignedCheckpoint Checkpoint(long size, DateTimeOffset issuedAt) =>
        new("contract", size, [.. Enumerable.Repeat((byte)size, 32)], issuedAt, [1, 2, 3], [(byte)issuedAt.Minute, 4, 5]);
}
