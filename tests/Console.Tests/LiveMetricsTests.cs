using System.Diagnostics.Metrics;
using Microsoft.Extensions.Time.Testing;
using Payments.Functions.OperatorConsole.Live;

namespace Payments.Console.Tests;

/// <summary>The Live page's collector, fed by a test meter publishing the metrics contract's instrument names.</summary>
public sealed class LiveMetricsTests
{
    [Fact]
    public void A_slot_sums_counters_takes_completed_latency_percentiles_and_observes_gauges_by_tag()
    {
        var name = "Payments.ConsoleTest." + Guid.NewGuid().ToString("N");
        using var meter = new Meter(name);
        var depth = 7L;
        meter.CreateObservableGauge("payments.queue.depth", () => new Measurement<long>(depth, new KeyValuePair<string, object?>("queue", "payment-jobs")));
        meter.CreateObservableGauge("payments.consumer.lag", () => new Measurement<double>(1.5, new KeyValuePair<string, object?>("consumer", "projector")));
        var requested = meter.CreateCounter<long>("payments.requested");
        var completed = meter.CreateCounter<long>("payments.completed");
        var toTerminal = meter.CreateHistogram<double>("payments.time_to_terminal");
        using var live = new LiveMetrics(new FakeTimeProvider(), name);

        requested.Add(3);
        completed.Add(2);
        for (var i = 1; i <= 100; i++)
        {
            toTerminal.Record(i / 100.0, new KeyValuePair<string, object?>("status", "COMPLETED"));
        }

        toTerminal.Record(99, new KeyValuePair<string, object?>("status", "FAILED"));
        var slot = live.Tick();

        Assert.Equal((3L, 2L, 0L), (slot.Requested, slot.Completed, slot.Failed));
        Assert.Equal((0.5, 0.95, 0.99), (slot.P50!.Value, slot.P95!.Value, slot.P99!.Value));
        Assert.Equal(7, slot.Gauges["queue.depth/payment-jobs"]);
        Assert.Equal(1.5, slot.Gauges["consumer.lag/projector"]);

        depth = 9;
        var next = live.Tick();
        Assert.Equal((0L, (double?)null, 9.0), (next.Requested, next.P95, next.Gauges["queue.depth/payment-jobs"]));
    }

    [Fact]
    public void Instruments_on_meters_outside_the_prefix_are_not_heard()
    {
        var suffix = Guid.NewGuid().ToString("N");
        using var meter = new Meter("Other.Library." + suffix);
        var requested = meter.CreateCounter<long>("payments.requested");
        using var live = new LiveMetrics(new FakeTimeProvider(), "Payments.ConsoleTest." + suffix);

        requested.Add(5);

        Assert.Equal(0, live.Tick().Requested);
    }

    [Fact]
    public void Only_the_last_ten_minutes_of_slots_are_kept()
    {
        using var live = new LiveMetrics(new FakeTimeProvider());
        for (var i = 0; i < LiveMetrics.Slots + 7; i++)
        {
            live.Tick();
        }

        Assert.Equal(LiveMetrics.Slots, live.Samples().Count);
        Assert.Equal(TimeSpan.FromMinutes(10), LiveMetrics.Resolution * LiveMetrics.Slots);
    }
}
