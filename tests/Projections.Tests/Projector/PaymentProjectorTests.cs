using Payments.Domain.Decisions;
using Payments.Domain.Serialization;
using Payments.EventStore.Contract;
using Payments.Projections.Projector;
using Payments.Projections.ReadModel;
using Payments.Projections.Tests.Support;

namespace Payments.Projections.Tests.Projector;

public sealed class PaymentProjectorTests
{
    private static readonly Guid Id = PaymentStreams.Id(1);

    private static readonly List<StoredEvent> Completed = PaymentStreams.Stored(Id, PaymentStreams.Decide(Id, "client_a", 250.10m, "EUR",
    [
        new PaymentCommand.StartProcessing(),
        new PaymentCommand.CompleteOnRamp("on-1", 270.123456m, 1.08m),
        new PaymentCommand.CompleteOffRamp("off-1", 4_590.00m, 17m),
    ]));

    private readonly InMemoryPaymentStore _store = new();
    private readonly PaymentProjector _projector = new(new InMemoryEventLog([Completed]));

    [Fact]
    public async Task Next_version_is_applied_onto_the_row()
    {
        Assert.Equal(ProjectionOutcome.Applied, await Apply(Completed[0]));
        Assert.Equal(ProjectionOutcome.Applied, await Apply(Completed[1]));

        var row = _store.Rows[Id];
        Assert.Equal(2, row.Version);
        Assert.Equal("PROCESSING", row.Status.ToString().ToUpperInvariant());
        Assert.Equal(250.10m, row.Amount);
    }

    [Fact]
    public async Task Redelivered_or_older_record_is_a_duplicate_and_changes_nothing()
    {
        foreach (var e in Completed.Take(3))
        {
            await Apply(e);
        }

        var before = _store.Rows[Id];
        Assert.Equal(ProjectionOutcome.Duplicate, await Apply(Completed[2]));
        Assert.Equal(ProjectionOutcome.Duplicate, await Apply(Completed[0]));
        Assert.Same(before, _store.Rows[Id]);
    }

    [Fact]
    public async Task Record_after_a_gap_refolds_the_stream_from_the_event_store()
    {
        await Apply(Completed[0]);

        Assert.Equal(ProjectionOutcome.Healed, await Apply(Completed[3]));

        Assert.Equal(PaymentRecord.From(PaymentStreams.Fold(Completed)), _store.Rows[Id]);
    }

    [Fact]
    public async Task Unknown_event_type_fails_loudly_and_writes_nothing()
    {
        var unknown = Completed[0] with { Type = "PaymentTeleported" };

        await Assert.ThrowsAsync<UnknownEventTypeException>(() => Apply(unknown));
        Assert.Empty(_store.Rows);
    }

    [Fact]
    public async Task Record_beyond_what_the_event_store_holds_fails_instead_of_guessing()
    {
        var projector = new PaymentProjector(new InMemoryEventLog([Completed.Take(2).ToList()]));

        await Assert.ThrowsAsync<InvalidOperationException>(() => projector.Apply(Completed[3], _store, CancellationToken.None));
    }

    [Fact]
    public async Task Concurrent_projectors_on_one_payment_converge_to_the_fold()
    {
        var deliveries = Enumerable.Range(0, 8).Select(i => Deliveries.Shuffled([Completed], i)).ToList();

        await Task.WhenAll(deliveries.Select(d => Task.Run(async () =>
        {
            foreach (var e in d)
            {
                await _projector.Apply(e, _store, CancellationToken.None);
            }
        })));

        Assert.Equal(PaymentRecord.From(PaymentStreams.Fold(Completed)), _store.Rows[Id]);
    }

    private Task<ProjectionOutcome> Apply(StoredEvent e) => _projector.Apply(e, _store, CancellationToken.None);
}
