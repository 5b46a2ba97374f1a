using System.CommandLine;
using Payments.Functions.Api.Auth;
using Payments.Functions.Cli;

namespace Payments.Functions.Hosting;

/// <summary>`serve`: README's first command. Runs API, projector, worker and webhooks in one process on SQLite.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Listen address(es)", DefaultValueFactory = _ => ServeSettings.DefaultUrls };
        var dataDir = DataDirectory.CreateOption();
        var rampFailureRate = new Option<double>("--ramp-failure-rate") { Description = "Chance (0–1) that a mock ramp call fails transiently", DefaultValueFactory = _ => 0 };
        var rampSeed = new Option<int?>("--ramp-seed") { Description = "Seed for the mock ramps' faults and latencies" };
        var command = new Command("serve", "Run the whole system on the embedded SQLite default") { urls, dataDir, rampFailureRate, rampSeed };
        command.SetAction((parse, ct) => Run(
            new ServeSettings(parse.GetValue(urls)!, parse.GetValue(dataDir)!, Environment.GetEnvironmentVariable("PAYMENTS_API_KEYS"))
            {
                RampFailureRate = parse.GetValue(rampFailureRate),
                RampSeed = parse.GetValue(rampSeed),
            },
            ct));
        return command;
    }

    private static async Task<int> Run(ServeSettings settings, CancellationToken cancellationToken)
    {
        using var owned = DataDirectoryLock.TryAcquire(Path.GetFullPath(settings.DataDirectory));
        if (owned is null)
        {
            await Console.Error.WriteLineAsync($"{Path.GetFullPath(settings.DataDirectory)} is in use by another `serve`; one process per data directory.");
            return 3;
        }

        var keys = ResolveKeys(settings);
        await using var app = PaymentsHost.Build(settings with { OwnsDataDirectory = true }, keys);
        await app.RunAsync(cancellationToken);
        return 0;
    }

    private static ApiKeyRing ResolveKeys(ServeSettings settings)
    {
        if (!string.IsNullOrWhiteSpace(settings.ConfiguredApiKeys))
        {
            return ApiKeyRing.FromConfiguration(settings.ConfiguredApiKeys);
        }

        var ring = DevApiKeyFile.LoadOrCreate(Path.GetFullPath(settings.DataDirectory), out var created);
        if (created is not null)
        {
            // Shown once on the terminal, never logged or stored: the file keeps only the hash.
            Console.WriteLine($"Development API key for client '{DevApiKeyFile.DevClientId}' (shown once, store it now): {created}");
        }

        return ring;
    }
}
