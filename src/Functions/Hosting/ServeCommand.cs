using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Options;
using Payments.Embedded.EventStore;
using Payments.Application.Webhooks.Endpoints;
using Payments.Application.Audit;
using Payments.Embedded.Audit;
using Payments.Embedded.Webhooks;
using Payments.Functions.Api.Auth;
using Payments.Functions.Cli;

namespace Payments.Functions.Hosting;

/// <summary>`serve`: README's first command. Runs API, projector, worker and webhooks in one process on SQLite.</summary>
internal static class ServeCommand
{
    public const int InvalidSettings = 2;
    public const int DataDirectoryInUse = 3;

    /// <summary>EX_TEMPFAIL: the event store faulted (I/O error, full disk) and `serve` stopped so a supervisor restarts it.</summary>
    public const int StoreFaulted = 75;

    public static Command Create()
    {
        var urls = new Option<string?>("--urls") { Description = $"Listen address(es) (PAYMENTS_URLS; default {ServeOptions.DefaultUrls})" };
        var dataDir = DataDirectory.CreateOption();
        var rampFailureRate = new Option<double?>("--ramp-failure-rate") { Description = "Chance (0–1) that a mock ramp call fails transiently (PAYMENTS_RAMPS__FAILURERATE)" };
        var rampSeed = new Option<int?>("--ramp-seed") { Description = "Seed for the mock ramps' faults and latencies (PAYMENTS_RAMPS__SEED)" };
        var concurrency = new Option<int?>("--concurrency") { Description = "Jobs the worker keeps in flight (PAYMENTS_WORKER__CONCURRENCY; default 32)" };
        var insecureWebhooks = new Option<bool>("--allow-insecure-webhooks")
        {
            Description = "Local development only: webhook endpoints may use http and loopback/private addresses (PAYMENTS_WEBHOOKS__ALLOWINSECURE)",
        };
        var webhookKeyFile = new Option<string?>("--webhook-key-file")
        {
            Description = "Key sealing webhook secrets, outside the data directory (PAYMENTS_WEBHOOK_KEY_FILE; default ~/.config/payments/webhook-secrets.key)",
        };
        var auditKeyFile = new Option<string?>("--audit-key-file")
        {
            Description = "ECDSA P-256 key signing audit checkpoints, outside the data directory (PAYMENTS_AUDIT_KEY_FILE; default ~/.config/payments/audit-signing-key.pem)",
        };
        var command = new Command("serve", "Run the whole system on the embedded SQLite default")
        {
            urls, dataDir, rampFailureRate, rampSeed, concurrency, insecureWebhooks, webhookKeyFile, auditKeyFile,
        };
        command.SetAction((parse, ct) =>
        {
            var given = new Dictionary<string, string?>(StringComparer.Ordinal);
            Set(given, "URLS", parse.GetValue(urls));
            Set(given, "DATA_DIR", parse.GetValue(dataDir));
            Set(given, "RAMPS:FAILURERATE", parse.GetValue(rampFailureRate)?.ToString(CultureInfo.InvariantCulture));
            Set(given, "RAMPS:SEED", parse.GetValue(rampSeed)?.ToString(CultureInfo.InvariantCulture));
            Set(given, "WORKER:CONCURRENCY", parse.GetValue(concurrency)?.ToString(CultureInfo.InvariantCulture));
            Set(given, "WEBHOOKS:ALLOWINSECURE", parse.GetValue(insecureWebhooks) ? "true" : null);
            Set(given, "WEBHOOK_KEY_FILE", parse.GetValue(webhookKeyFile));
            Set(given, "AUDIT_KEY_FILE", parse.GetValue(auditKeyFile));
            return Run(given, ct);
        });
        return command;
    }

    private static async Task<int> Run(Dictionary<string, string?> commandLine, CancellationToken cancellationToken)
    {
        ServeOptions options;
        try
        {
            options = PaymentsConfiguration.Serve(PaymentsConfiguration.Build(commandLine));
        }
        catch (OptionsValidationException e)
        {
            foreach (var failure in e.Failures)
            {
                await Console.Error.WriteLineAsync($"invalid setting: {failure}");
            }

            return InvalidSettings;
        }

        var dataDirectory = Path.GetFullPath(options.DataDirectory);
        using var owned = DataDirectoryLock.TryAcquire(dataDirectory);
        if (owned is null)
        {
            await Console.Error.WriteLineAsync($"{dataDirectory} is in use by another `serve`; one process per data directory.");
            return DataDirectoryInUse;
        }

        ApiKeyRing keys;
        try
        {
            keys = ResolveKeys(options);
        }
        catch (FormatException e)
        {
            await Console.Error.WriteLineAsync($"invalid setting: {e.Message}");
            return InvalidSettings;
        }

        KeyFileSecretCipher webhookSecrets;
        try
        {
            // Opened here, not at first use, so a key misplaced or damaged stops `serve` before it starts.
            webhookSecrets = KeyFileSecretCipher.OpenOrCreate(options.WebhookKeyFile ?? KeyFileSecretCipher.DefaultKeyPath(), dataDirectory);
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException or IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"invalid setting: PAYMENTS_WEBHOOK_KEY_FILE (--webhook-key-file): {e.Message}");
            return InvalidSettings;
        }

        KeyFileCheckpointSigner checkpointSigner;
        try
        {
            checkpointSigner = KeyFileCheckpointSigner.OpenOrCreate(options.AuditKeyFile ?? KeyFileCheckpointSigner.DefaultKeyPath(), dataDirectory);
        }
        catch (Exception e) when (e is ArgumentException or InvalidDataException or IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
        {
            await Console.Error.WriteLineAsync($"invalid setting: PAYMENTS_AUDIT_KEY_FILE (--audit-key-file): {e.Message}");
            return InvalidSettings;
        }

        await using var app = PaymentsHost.Build(
            options,
            keys,
            services => services.AddSingleton<IWebhookSecretCipher>(webhookSecrets).AddSingleton<ICheckpointSigner>(checkpointSigner),
            ownsDataDirectory: true);
        return await RunUntilStoppedOrFaulted(app, cancellationToken);
    }

    /// <summary>
    /// Runs until asked to stop, or until the event store faults: a faulted store refuses every append until reopened,
    /// so the process stops (draining requests in flight, which get 503) and exits <see cref="StoreFaulted"/> for its
    /// supervisor to restart it; the restart reopens the file and recovers it from the WAL.
    /// </summary>
    internal static async Task<int> RunUntilStoppedOrFaulted(WebApplication app, CancellationToken cancellationToken)
    {
        var store = app.Services.GetRequiredService<SqliteEventStore>();
        await app.StartAsync(cancellationToken);
        var stopped = app.WaitForShutdownAsync(cancellationToken);
        if (await Task.WhenAny(stopped, store.Faulted) != stopped)
        {
            var fault = await store.Faulted;
            var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Payments.Host");
            HostLog.StoreFaulted(logger, fault.Reason, StoreFaulted);
            await Console.Error.WriteLineAsync($"event store faulted: {fault.Reason}; stopping with exit code {StoreFaulted} so a supervisor restarts `serve`.");
            await app.StopAsync(CancellationToken.None);
            await stopped;
            return StoreFaulted;
        }

        await stopped;
        return store.Fault is null ? 0 : StoreFaulted;
    }

    private static void Set(Dictionary<string, string?> given, string key, string? value)
    {
        if (value is not null)
        {
            given[key] = value;
        }
    }

    private static ApiKeyRing ResolveKeys(ServeOptions options)
    {
        if (!string.IsNullOrWhiteSpace(options.ApiKeys))
        {
            return ApiKeyRing.FromConfiguration(options.ApiKeys);
        }

        var ring = DevApiKeyFile.LoadOrCreate(Path.GetFullPath(options.DataDirectory), out var created);
        if (created is not null)
        {
            // Shown once on the terminal, never logged or stored: the file keeps only the hash.
            Console.WriteLine($"Development API key for client '{DevApiKeyFile.DevClientId}' (shown once, store it now): {created}");
        }

        return ring;
    }
}
