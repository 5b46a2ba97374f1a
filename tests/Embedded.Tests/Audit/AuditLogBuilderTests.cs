using Payments.Application.Audit;
using Payments.Embedded.Audit;
using Payments.Embedded.EventStore;
using Payments.EventStore.Audit;

namespace Payments.Embedded.Tests.Audit;

public sealed class AuditLogBuilderTests
{
    [Fact]
    public async Task A_page_delivered_again_adds_no_leaf_and_keeps_the_root()
    {
        using var log = await AuditedLog.Create(3, 4);
        await using var tree = SqliteAuditLog.Open(log.Tree);
        var before = await MerkleProofs.Root(tree, await tree.Size(default), default);
        var page = await SqliteEventLogReader.Open(log.Events).ReadAll(3, 5);

        await new AuditLogBuilder(tree).Handle(page, default);

        Assert.Equal(12, await tree.Size(default));
        Assert.Equal(before, await MerkleProofs.Root(tree, 12, default));
    }

    [Fact]
    public async Task An_event_whose_hash_changed_under_its_leaf_stops_the_builder_naming_the_position()
    {
        using var log = await AuditedLog.Create(3, 4);
        await using var tree = SqliteAuditLog.Open(log.Tree);
        var page = await SqliteEventLogReader.Open(log.Events).ReadAll(0, 12);
        var changed = page.Select(e => e.Position == 7 ? e with { Hash = new string('0', 64) } : e).ToList();

        var fork = await Assert.ThrowsAsync<AuditLogForkedException>(() => new AuditLogBuilder(tree).Handle(changed, default));

        Assert.Equal(7, fork.Position);
    }

    [Fact]
    public async Task A_page_that_skips_a_position_stops_the_builder_before_extending_the_tree()
    {
        using var log = await AuditedLog.Create(2, 2);
        await using var tree = SqliteAuditLog.Open(log.Tree);
        var last = (await SqliteEventLogReader.Open(log.Events).ReadAll(3, 1))[0];
        var beyond = last with { Position = 6 };

        var fork = await Assert.ThrowsAsync<AuditLogForkedException>(() => new AuditLogBuilder(tree).Handle([beyond], default));

        Assert.Equal(5, fork.Position);
        Assert.Equal(4, await tree.Size(default));
    }
}
