using Payments.Domain.Decisions;
using Payments.Domain.State;
using Payments.EventStore.Contract;
using Payments.Embedded.EventStore;
using Payments.Embedded.Projections;
using Payments.Projections.ReadModel;
using Payments.Projections.Tests.Support;

namespace Payments.Projections.Tests.Embedded;

public sealed class EmbeddedPaymentProjectionTests : IAsyncLifetime
{
    private readonly SqliteFiles _files = new();
    private SqliteEventStore _store = null!;
    private SqlitePaymentReadModel _model = null!;
    private EmbeddedPaymentProjection _projection = null!;

    public Task InitializeAsync()
    {
        _store = SqliteEventStore.Open(_files.Path("events.db"), TimeProvider.System);
        _model = SqlitePaymentReadModel.Open(_files.Path(SqlitePaymentReadModel.DefaultFileName));
        _projection = new EmbeddedPaymentProjection(_store, _model) { PageSize = 7 };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        _files.Dispose();
    }

    [Fact]
    public async Task Catch_up_projects_every_payment_in_the_log_to_its_fold()
    {
        var ids = await WritePayments(12);

        var applied = await _projection.CatchUp(CancellationToken.None);

        Assert.Equal(_store.LastCommittedPosition, applied);
        Assert.Equal(_store.LastCommittedPosition, await _model.Checkpoint(CancellationToken.None));
        await AssertRowsEqualFold(ids);
    }

    [Fact]
    public async Task Second_catch_up_resumes_from_the_checkpoint_and_applies_only_new_events()
    {
        var first = await WritePayments(3);
        await _projection.CatchUp(CancellationToken.None);
        var second = await WritePayments(2, offset: 3);

        var applied = await _projection.CatchUp(CancellationToken.None);

        Assert.Equal(_store.LastCommittedPosition - (await CountEvents(first)), applied);
        await AssertRowsEqualFold([.. first, .. second]);
    }

    [Fact]
    public async Task Running_tailer_wakes_on_commit_and_projects_new_payments()
    {
        using var stop = new CancellationTokenSource();
        var tail = _projection.Run(_store, stop.Token);
        var ids = await WritePayments(4);

        await WaitUntil(async () => await _model.Checkpoint(CancellationToken.None) == _store.LastCommittedPosition);
        await stop.CancelAsync();
        await tail;

        await AssertRowsEqualFold(ids);
    }

    [Fact]
    public async Task Rebuild_equals_the_incremental_projection()
    {
        var ids = new List<Guid>();
        for (var round = 0; round < 4; round++)
        {
            ids.AddRange(await WritePayments(3, offset: round * 3));
            await AdvanceSome(ids, round);
            await _projection.CatchUp(CancellationToken.None);
        }

        var incremental = await Snapshot(ids);
        var rebuilt = await _projection.Rebuild(CancellationToken.None);

        Assert.Equal(_store.LastCommittedPosition, rebuilt);
        Assert.Equal(incremental, await Snapshot(ids));
        await AssertRowsEqualFold(ids);
    }

    [Fact]
    public async Task Rebuild_repairs_a_row_that_was_tampered_with()
    {
        var ids = await WritePayments(2);
        await _projection.CatchUp(CancellationToken.None);
        await using (var batch = _model.BeginBatch())
        {
            var row = (await batch.Load(ids[0], CancellationToken.None))!;
            await batch.Save(row with { Amount = 1_000_000m, Version = row.Version + 1 }, row.Version, CancellationToken.None);
            await batch.Commit(batch.Checkpoint, CancellationToken.None);
        }

        await _projection.Rebuild(CancellationToken.None);

        await AssertRowsEqualFold(ids);
    }

    [Fact]
    public async Task Unknown_event_in_the_log_stops_the_projection_before_it_and_fails_loudly()
    {
        await WritePayments(1);
        await _projection.CatchUp(CancellationToken.None);
        var before = await _model.Checkpoint(CancellationToken.None);
        var poisoned = PaymentStreams.Id(99);
        await _store.Append(StreamId.For(poisoned), ExpectedVersion.NoStream, [new NewEvent("PaymentTeleported", 1, "{}", new EventMetadata("c", null, "t"))]);
        await WritePayments(1, offset: 1);

        await Assert.ThrowsAsync<Payments.Domain.Serialization.UnknownEventTypeException>(() => _projection.CatchUp(CancellationToken.None));

        Assert.Equal(before, await _model.Checkpoint(CancellationToken.None));
        Assert.Null(await _model.Find(PaymentStreams.Id(1), CancellationToken.None));
    }

    private async Task<List<Guid>> WritePayments(int count, int offset = 0)
    {
        var ids = new List<Guid>();
        for (var i = offset; i < offset + count; i++)
        {
            var id = PaymentStreams.Id(i);
            var history = PaymentStreams.Decide(id, i % 2 == 0 ? "client_a" : "client_b", 10m + i, "EUR", Commands(i));
            await _store.Append(StreamId.For(id), ExpectedVersion.NoStream, PaymentStreams.ToNew(history.Take(1)));
            if (history.Count > 1)
            {
                await _store.Append(StreamId.For(id), ExpectedVersion.At(1), PaymentStreams.ToNew(history.Skip(1)));
            }

            ids.Add(id);
        }

        return ids;
    }

    private async Task AdvanceSome(List<Guid> ids, int round)
    {
        foreach (var id in ids.Where((_, i) => i % 4 == round % 4))
        {
            var stream = await _store.ReadStream(StreamId.For(id));
            var state = PaymentStreams.Fold(stream);
            if (!state.IsTerminal)
            {
                var events = PaymentDecider.Decide(new PaymentCommand.FailPayment("operator gave up"), state, PaymentStreams.Epoch.AddHours(1)).Events;
                await _store.Append(StreamId.For(id), ExpectedVersion.At(state.Version), PaymentStreams.ToNew(events));
            }
        }
    }

    private static IEnumerable<PaymentCommand> Commands(int i) => (i % 4) switch
    {
        0 => [],
        1 => [new PaymentCommand.StartProcessing()],
        2 => [new PaymentCommand.StartProcessing(), new PaymentCommand.CompleteOnRamp("on-" + i, 11m, 1.1m), new PaymentCommand.CompleteOffRamp("off-" + i, 9.5m, 0.9m)],
        _ => [new PaymentCommand.StartProcessing(), new PaymentCommand.FailOnRamp("declined")],
    };

    private async Task<long> CountEvents(IEnumerable<Guid> ids)
    {
        long count = 0;
        foreach (var id in ids)
        {
            count += (await _store.ReadStream(StreamId.For(id))).Count;
        }

        return count;
    }

    private async Task<List<PaymentRecord?>> Snapshot(IEnumerable<Guid> ids)
    {
        var rows = new List<PaymentRecord?>();
        foreach (var id in ids)
        {
            rows.Add(await _model.Find(id, CancellationToken.None));
        }

        return rows;
    }

    private async Task AssertRowsEqualFold(IEnumerable<Guid> ids)
    {
        foreach (var id in ids)
        {
            var fold = PaymentStreams.Fold(await _store.ReadStream(StreamId.For(id)));
            Assert.Equal(PaymentRecord.From(fold), await _model.Find(id, CancellationToken.None));
            Assert.NotEqual(PaymentStatus.None, fold.Status);
        }
    }

    private static async Task WaitUntil(Func<Task<bool>> condition)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!await condition())
        {
            await Task.Delay(20, deadline.Token);
        }
    }
}
