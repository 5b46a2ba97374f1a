using Payments.Application.Reconciliation;
using Payments.Domain.State;
using Payments.Projections.ReadModel;

namespace Payments.Projections.Tests.Requested;

/// <summary>Which payments a reconciliation period is about, the same from every read model.</summary>
public abstract class RequestedPaymentIndexContract
{
    /// <summary>A day of its own per test, so tests sharing one table never see each other's rows.</summary>
    private readonly DateTimeOffset _day = new DateTimeOffset(2027, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(Random.Shared.Next(0, 3000));

    protected abstract IRequestedPaymentIndex Index { get; }

    protected abstract Task Save(PaymentRecord row);

    [Fact]
    public async Task Requested_between_takes_the_payments_requested_in_the_half_open_window_across_midnight_in_time_order()
    {
        var from = _day.AddHours(22);
        var to = _day.AddDays(1).AddHours(2);
        await Requested(from.AddTicks(-1));
        var atStart = await Requested(from);
        var afterMidnight = await Requested(_day.AddDays(1).AddMinutes(5));
        var beforeMidnight = await Requested(_day.AddHours(23).AddMinutes(59));
        var lastTick = await Requested(to.AddTicks(-1));
        await Requested(to);
        await Requested(_day.AddDays(2).AddHours(1));

        var found = await Index.RequestedBetween(from, to, CancellationToken.None);

        Assert.Equal([atStart, beforeMidnight, afterMidnight, lastTick], found);
    }

    [Fact]
    public async Task Requested_between_reads_a_window_given_in_another_offset_as_the_same_instants()
    {
        var inside = await Requested(_day.AddHours(10));
        await Requested(_day.AddHours(12));
        var plusTwo = TimeSpan.FromHours(2);

        var found = await Index.RequestedBetween(_day.AddHours(9).ToOffset(plusTwo), _day.AddHours(11).ToOffset(plusTwo), CancellationToken.None);

        Assert.Equal([inside], found);
    }

    [Fact]
    public async Task Requested_between_a_window_with_no_payments_is_empty()
    {
        await Requested(_day.AddHours(1));

        Assert.Empty(await Index.RequestedBetween(_day.AddHours(2), _day.AddHours(3), CancellationToken.None));
    }

    private async Task<Guid> Requested(DateTimeOffset at)
    {
        var id = Guid.CreateVersion7(at);
        await Save(new PaymentRecord(
            id, "client_a", "key-" + id.ToString("N"), 10.50m, "EUR", "IBAN-SRC", "IBAN-DST", PaymentStatus.Pending,
            null, null, null, null, null, at, at, null, 1));
        return id;
    }
}
