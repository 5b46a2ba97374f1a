using Payments.Application.Reconciliation;

namespace Payments.Application.Tests.Reconciliation;

/// <summary>The period as typed on a command line or a query string: RFC 3339 with an offset, and an end after the start.</summary>
public sealed class ReconciliationPeriodTests
{
    [Theory]
    [InlineData("2026-02-01T00:00:00Z", "2026-02-02T00:00:00Z", "2026-02-01T00:00:00+00:00")]
    [InlineData("2026-02-01T01:00:00+01:00", "2026-02-01T02:00:00.5z", "2026-02-01T00:00:00+00:00")]
    [InlineData("2026-02-01t00:00:00.1234567-05:00", "2026-02-02T00:00:00Z", "2026-02-01T05:00:00.1234567+00:00")]
    public void Period_reads_rfc_3339_times_with_an_offset_as_instants(string from, string to, string expectedFrom)
    {
        Assert.True(ReconciliationPeriod.TryParse(from, to, out var period, out var errors));
        Assert.Empty(errors);
        Assert.Equal(DateTimeOffset.Parse(expectedFrom, System.Globalization.CultureInfo.InvariantCulture), period!.From);
    }

    [Theory]
    [InlineData(null, "2026-02-02T00:00:00Z", "from:required")]
    [InlineData("2026-02-01T00:00:00Z", "", "to:required")]
    [InlineData("2026-02-01T00:00:00", "2026-02-02T00:00:00Z", "from:invalid")]
    [InlineData("2026-02-01", "2026-02-02T00:00:00Z", "from:invalid")]
    [InlineData("2026-02-01T00:00:00Z", "tomorrow", "to:invalid")]
    [InlineData("2026-02-01T00:00:00Z", "2026-02-30T00:00:00Z", "to:invalid")]
    [InlineData("2026-02-01T00:00:00Z", "2026-02-01T00:00:00Z", "to:not_after_from")]
    [InlineData("2026-02-01T01:00:00+01:00", "2026-02-01T00:00:00Z", "to:not_after_from")]
    [InlineData("x", "y", "from:invalid,to:invalid")]
    public void Period_refuses_what_is_not_two_rfc_3339_times_in_order(string? from, string? to, string expected)
    {
        Assert.False(ReconciliationPeriod.TryParse(from, to, out var period, out var errors));
        Assert.Null(period);
        Assert.Equal(expected, string.Join(',', errors.Select(e => $"{e.Field}:{e.Code}")));
    }

    [Fact]
    public void Period_contains_its_start_and_not_its_end()
    {
        var from = new DateTimeOffset(2026, 2, 1, 0, 0, 0, TimeSpan.Zero);
        var period = ReconciliationPeriod.Of(from, from.AddHours(1));

        Assert.Equal((false, true, true, false), (period.Contains(from.AddTicks(-1)), period.Contains(from), period.Contains(from.AddHours(1).AddTicks(-1)), period.Contains(from.AddHours(1))));
        Assert.Throws<ArgumentException>(() => ReconciliationPeriod.Of(from, from));
    }
}
