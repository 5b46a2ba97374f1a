using System.Globalization;
using System.Text.Json.Serialization;

namespace Payments.Bench;

/// <summary>What the autocannon driver reports for one load run (Load/autocannon-driver.js prints it); latency of 2xx answers only.</summary>
internal sealed record LoadRun(
    string Generator,
    string Mode,
    int? OfferedRate,
    double Seconds,
    int Connections,
    long Responses,
    double AchievedRate,
    Dictionary<string, long> StatusCounts,
    long Errors,
    long Timeouts,
    LatencySummary LatencyMs)
{
    [JsonIgnore]
    public long Non2xx => StatusCounts.Where(s => !s.Key.StartsWith('2')).Sum(s => s.Value);

    public long Count(int status) => StatusCounts.GetValueOrDefault(status.ToString(CultureInfo.InvariantCulture));
}
