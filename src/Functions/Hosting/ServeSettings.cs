namespace Payments.Functions.Hosting;

/// <summary>How `serve` runs: where it listens, where its files live, which API keys it accepts.</summary>
public sealed record ServeSettings(string Urls, string DataDirectory, string? ConfiguredApiKeys)
{
    public const string DefaultUrls = "http://127.0.0.1:5080";
}
