using System.Globalization;

namespace Payments.Bench;

internal sealed record AppendBenchmarkResult(int Writers, long Events, TimeSpan Elapsed, double P50Milliseconds, double P99Milliseconds)
{
    public double EventsPerSecond => Events / Elapsed.TotalSeconds;

    public string Describe(string backend) => string.Create(
        CultureInfo.InvariantCulture,
        $"{backend,-8} writers={Writers,3}  events={Events,8}  {EventsPerSecond,10:F0} events/s  p50={P50Milliseconds:F2} ms  p99={P99Milliseconds:F2} ms");
}
