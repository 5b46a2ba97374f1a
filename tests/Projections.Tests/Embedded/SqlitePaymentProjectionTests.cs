using Microsoft.Extensions.Logging.Abstractions;
using Payments.Application.Consumers;
using Payments.Domain.Decisions;
using Payments.Embedded.Consumers;
using Payments.Projections.Projector;
using Payments.Domain.State;
using Payments.EventStore.Contract;
using Payments.Embedded.EventStore;
using Payments.Embedded.Projections;
using Payments.Projections.ReadModel;
using Payments.Projections.Tests.Support;

namespace Payments.Projections.Tests.Embedded;

/// <summary>The projection consumer over the embedded log and the SQLite read model, as `serve` runs it.</summary>
public sealed class SqlitePaymentProjectionTests : IAsyncLifetime
{
    /// <summary>The projector's own policy, with backoffs short enough for a test on the real clock.</summary>
    private static readonly PoisonPolicy QuickPark = PaymentProjectionConsumer.Policy with { FirstBackoff = TimeSpan.FromMilliseconds(1), MaxBackoff = TimeSpan.FromMilliseconds(5) };

    private readonly SqliteFiles _files = new();
    private SqliteEventStore _store = null!;
    private SqlitePaymentReadModel _model = null!;
    private SqliteConsumerStore _consumers = null!;
    private EventLogSubscription _projection = null!;

    public Task InitializeAsync()
    {
        _store = SqliteEventStore.Open(_files.Path("events.db"), TimeProvider.System);
        _model = SqlitePaymentReadModel.Open(_files.Path(SqlitePaymentReadModel.DefaultFileName));
        _consumers = SqliteConsumerStore.Open(_files.Path(SqlitePaymentReadModel.DefaultFileName), TimeProvider.System);
        _projection = new EventLogSubscription(
            new PaymentProjectionConsumer(new PaymentProjector(_store), _model), _store, _consumers, _consumers, QuickPark, TimeProvider.System, NullLogger.Instance)
        {
            PageSize = 7,
        };
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await _consumers.DisposeAsync();
        await _store.DisposeAsync();
        _files.Dispose();
    }

    private Task<long> Checkpoint() => _consumers.Load(PaymentProjectionConsumer.ConsumerName, CancellationToken.None);

    private Task<long> Rebuild() => SqlitePaymentRebuild.Run(_store, _model, _consumers, TimeProvider.System, CancellationToken.None);

    [Fact]
    public async Task Catch_up_projects_every_payment_in_the_log_to_its_fold()
    {
        var ids = await WritePayments(12);

        var applied = await _projection.CatchUp(CancellationToken.None);

        Assert.Equal(_store.LastCommittedPosition, applied);
        Assert.Equal(_store.LastCommittedPosition, await Checkpoint());
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

        await WaitUntil(async () => await Checkpoint() == _store.LastCommittedPosition);
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
        var rebuilt = await Rebuild();

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
            await batch.Commit(CancellationToken.None);
        }

        await Rebuild();

        await AssertRowsEqualFold(ids);
    }

    [Fact]
    public async Task Unknown_event_in_the_log_is_parked_with_its_error_and_later_payments_still_project()
    {
        await WritePayments(1);
        await _projection.CatchUp(CancellationToken.None);
        var poisoned = PaymentStreams.Id(99);
        var teleported = (AppendResult.Appended)await _store.Append(StreamId.For(poisoned), ExpectedVersion.NoStream, [new NewEvent("PaymentTeleported", 1, "{}", new EventMetadata("c", null, "t"))]);
        var later = await WritePayments(2, offset: 1);

        await _projection.CatchUp(CancellationToken.None);

        var parked = Assert.Single(await _consumers.List(PaymentProjectionConsumer.ConsumerName, CancellationToken.None));
        Assert.Equal((teleported.Position, poisoned.ToString("D"), "PaymentTeleported", QuickPark.MaxAttempts), (parked.Position, parked.StreamId, parked.Type, parked.Attempts));
        Assert.Contains("PaymentTeleported", parked.Error, StringComparison.Ordinal);
        Assert.Null(await _model.Find(poisoned, CancellationToken.None));
        Assert.Equal(_store.LastCommittedPosition, await Checkpoint());
        await AssertRowsEqualFold(later);
        var lag = await _projection.Measure(_store.LastCommittedPosition, CancellationToken.None);
        Assert.Equal((0L, 1), (lag.Behind, lag.Parked));
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
