using Payments.Application.Ledger;
using Payments.Domain.Decisions;
using Payments.Domain.State;
using Payments.EventStore.Contract;
using Payments.TestServices;

namespace Payments.Application.Tests.Ledger;

/// <summary>The state of a payment as of a version or a recorded time: a fold of a prefix of its history.</summary>
public sealed class HistoryPointTests
{
    private static readonly EventMetadata Metadata = new("history-point-tests", null, "test");
    private static readonly DateTimeOffset T0 = new(2026, 1, 15, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Payment_at_a_version_is_the_fold_of_that_many_events()
    {
        await using var ledger = LedgerFixture.Create();
        var id = await ThreeVersions(ledger);

        var first = await ledger.Ledger.LoadAt(id, new HistoryPoint.AtVersion(1), CancellationToken.None);
        var second = await ledger.Ledger.LoadAt(id, new HistoryPoint.AtVersion(2), CancellationToken.None);
        var beyond = await ledger.Ledger.LoadAt(id, new HistoryPoint.AtVersion(4), CancellationToken.None);

        Assert.Equal((PaymentStatus.Pending, 1L), (first.AtPoint!.Status, first.AtPoint.Version));
        Assert.Equal((PaymentStatus.Processing, 2L), (second.AtPoint!.Status, second.AtPoint.Version));
        Assert.Null(second.AtPoint.OnRampTxId);
        Assert.Null(beyond.AtPoint);
        Assert.Equal(3, beyond.Latest.Version);
    }

    [Fact]
    public async Task Payment_as_recorded_by_a_time_includes_events_recorded_at_or_before_it()
    {
        await using var ledger = LedgerFixture.Create();
        var start = ledger.Time.GetUtcNow();
        var id = await ThreeVersions(ledger);

        var before = await ledger.Ledger.LoadAt(id, new HistoryPoint.RecordedBy(start.AddTicks(-1)), CancellationToken.None);
        var atCreation = await ledger.Ledger.LoadAt(id, new HistoryPoint.RecordedBy(start), CancellationToken.None);
        var between = await ledger.Ledger.LoadAt(id, new HistoryPoint.RecordedBy(start.AddSeconds(90)), CancellationToken.None);
        var later = await ledger.Ledger.LoadAt(id, new HistoryPoint.RecordedBy(start.AddDays(1)), CancellationToken.None);

        Assert.Null(before.AtPoint);
        Assert.Equal(1, atCreation.AtPoint!.Version);
        Assert.Equal(2, between.AtPoint!.Version);
        Assert.Equal(3, later.AtPoint!.Version);
    }

    /// <summary>A state is a fold of a prefix: an event recorded earlier than one before it does not pull itself in alone.</summary>
    [Fact]
    public void Recorded_by_takes_the_longest_prefix_recorded_in_time()
    {
        StoredEvent[] history = [At(1, T0), At(2, T0.AddMinutes(2)), At(3, T0.AddMinutes(1))];

        Assert.Equal(1, new HistoryPoint.RecordedBy(T0.AddMinutes(1)).EventsIncluded(history));
        Assert.Equal(3, new HistoryPoint.RecordedBy(T0.AddMinutes(2)).EventsIncluded(history));
    }

    private static StoredEvent At(long version, DateTimeOffset time) =>
        new(new StreamId("payment"), version, version, "PaymentTested", 1, time, "{}", Metadata, "hash");

    private static async Task<Guid> ThreeVersions(LedgerFixture ledger)
    {
        var id = await ledger.RequestPayment();
        ledger.Time.Advance(TimeSpan.FromMinutes(1));
        await ledger.Ledger.Execute(id, new PaymentCommand.StartProcessing(), Metadata, CancellationToken.None);
        ledger.Time.Advance(TimeSpan.FromMinutes(1));
        await ledger.Ledger.Execute(id, new PaymentCommand.CompleteOnRamp("onramp-1", 108.0m, 1.08m), Metadata, CancellationToken.None);
        return id;
    }
}
