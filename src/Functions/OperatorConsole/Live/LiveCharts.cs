namespace Payments.Functions.OperatorConsole.Live;

/// <summary>The Live page's charts from the kept slots: throughput, latency percentiles, and one chart per consumer lag and queue depth seen.</summary>
public static class LiveCharts
{
    public static IReadOnlyList<LiveChart> From(IReadOnlyList<LiveSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var seconds = LiveMetrics.Resolution.TotalSeconds;
        var charts = new List<LiveChart>
        {
            new("Payments requested", "/s", [.. samples.Select(s => (double?)(s.Requested / seconds))]),
            new("Payments completed", "/s", [.. samples.Select(s => (double?)(s.Completed / seconds))]),
            new("Payments failed", "/s", [.. samples.Select(s => (double?)(s.Failed / seconds))]),
            new("202 → COMPLETED p50", "s", [.. samples.Select(s => s.P50)]),
            new("202 → COMPLETED p95", "s", [.. samples.Select(s => s.P95)]),
            new("202 → COMPLETED p99", "s", [.. samples.Select(s => s.P99)]),
        };
        charts.AddRange(Gauges(samples, "consumer.lag/", "Consumer lag: ", "s"));
        charts.AddRange(Gauges(samples, "queue.depth/", "Queue depth: ", "jobs"));
        charts.AddRange(Gauges(samples, "queue.dead_letters/", "Dead letters: ", "jobs"));
        return charts;
    }

    private static IEnumerable<LiveChart> Gauges(IReadOnlyList<LiveSample> samples, string prefix, string title, string unit) =>
        samples.SelectMany(s => s.Gauges.Keys)
            .Where(k => k.StartsWith(prefix, StringComparison.Ordinal))
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .Select(key => new LiveChart(title + key[prefix.Length..], unit, [.. samples.Select(s => s.Gauges.TryGetValue(key, out var v) ? v : (double?)null)]));
}
