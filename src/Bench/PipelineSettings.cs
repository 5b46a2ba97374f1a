namespace Payments.Bench;

/// <summary>How one pipeline run is driven: a name, the mock ramps' latency range (PAYMENTS_RAMPS__MIN/MAXLATENCY) and the offered rate.</summary>
internal sealed record PipelineSettings(string Name, TimeSpan MinRampLatency, TimeSpan MaxRampLatency, int Rate, double Seconds, TimeSpan MaxDrain)
{
    /// <summary>The mock ramps' real latency, 100–300 ms per leg (serve's default, set explicitly).</summary>
    public static PipelineSettings Ramps(int rate, double seconds, TimeSpan maxDrain) =>
        new(PipelineBenchmark.RampsRun, TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(300), rate, seconds, maxDrain);

    /// <summary>Ramps that answer at once: what the rest of the pipeline sustains.</summary>
    public static PipelineSettings Fast(int rate, double seconds, TimeSpan maxDrain) =>
        new(PipelineBenchmark.FastRun, TimeSpan.Zero, TimeSpan.Zero, rate, seconds, maxDrain);

    public string RampLatency => MinRampLatency == MaxRampLatency
        ? $"{MinRampLatency.TotalMilliseconds:F0} ms"
        : $"{MinRampLatency.TotalMilliseconds:F0}-{MaxRampLatency.TotalMilliseconds:F0} ms";

    public IReadOnlyDictionary<string, string> Environment => new Dictionary<string, string>
    {
        ["PAYMENTS_RAMPS__MINLATENCY"] = MinRampLatency.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
        ["PAYMENTS_RAMPS__MAXLATENCY"] = MaxRampLatency.ToString("c", System.Globalization.CultureInfo.InvariantCulture),
    };
}
