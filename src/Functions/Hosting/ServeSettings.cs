namespace Payments.Functions.Hosting;

/// <summary>How `serve` runs: where it listens, where its files live, which API keys it accepts.</summary>
public sealed record ServeSettings(string Urls, string DataDirectory, string? ConfiguredApiKeys)
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>Chance that a mock ramp call fails transiently (`--ramp-failure-rate`).</summary>
    public double RampFailureRate { get; init; }

    /// <summary>Seed for the mock ramps' faults and latencies (`--ramp-seed`); random when null.</summary>
    public int? RampSeed { get; init; }

    /// <summary>
    /// True when this process holds <see cref="DataDirectoryLock"/>: any job still leased in jobs.db was leased by a
    /// process that died, so it is handed back at start instead of waiting out its visibility timeout.
    /// </summary>
    public bool OwnsDataDirectory { get; init; }
}
