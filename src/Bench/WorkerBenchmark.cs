using Payments.Functions.Hosting;
using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Payments.Domain.Requests;
using Payments.EventStore.Contract;
using Payments.Embedded.EventStore;
using Payments.Application.Ledger;
using Payments.Embedded.Ramps;

namespace Payments.Bench;

/// <summary>
/// `worker`: accepts N payments on a fresh embedded store and measures how fast the embedded dispatcher and
/// worker drive them all to a terminal state through the mock ramps (100–300 ms per leg).
/// </summary>
internal static class WorkerBenchmark
{
    private static readonly string[] TerminalTypes = ["PaymentCompleted", "PaymentFailed"];

    public static Command CreateCommand()
    {
        var payments = new Option<int>("--payments") { Description = "Payments to process", DefaultValueFactory = _ => 200 };
        var concurrency = new Option<int?>("--concurrency") { Description = "Jobs in flight (default: the embedded default)" };
        var failureRate = new Option<double>("--ramp-failure-rate") { Description = "Chance that a ramp call fails transiently", DefaultValueFactory = _ => 0 };
        var seed = new Option<int?>("--ramp-seed") { Description = "Seed for ramp faults and latencies" };
        var command = new Command("worker", "Payments/second through the embedded dispatcher, worker and mock ramps") { payments, concurrency, failureRate, seed };
        command.SetAction(async (parse, ct) =>
        {
            var defaults = new ServeOptions();
            var options = new ServeOptions
            {
                Worker = defaults.Worker with { Concurrency = parse.GetValue(concurrency) ?? defaults.Worker.Concurrency },
                Ramps = defaults.Ramps with { FailureRate = parse.GetValue(failureRate), Seed = parse.GetValue(seed) },
            };
            Console.WriteLine(await Run(parse.GetValue(payments), options, ct));
            return 0;
        });
        return command;
    }

    public static async Task<string> Run(int count, ServeOptions options, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(Path.GetTempPath(), "payments-bench-worker-" + Guid.NewGuid().ToString("N"));
        try
        {
            options.DataDirectory = directory;
            await using var provider = new ServiceCollection().AddEmbeddedColumn(options, reclaimLeasesOnStart: false).BuildServiceProvider();
            var hosted = provider.GetServices<IHostedService>().ToList();
            foreach (var service in hosted)
            {
                await service.StartAsync(cancellationToken);
            }

            var ledger = provider.GetRequiredService<PaymentLedger>();
            var clock = Stopwatch.StartNew();
            await Task.WhenAll(Enumerable.Range(0, count).Select(i => Request(ledger, i, cancellationToken)));
            var (completed, failed) = await AwaitTerminal(provider.GetRequiredService<SqliteEventStore>(), count, cancellationToken);
            var elapsed = clock.Elapsed;
            foreach (var service in hosted)
            {
                await service.StopAsync(CancellationToken.None);
            }

            var usage = await provider.GetRequiredService<RampTransactionLog>().Usage(cancellationToken);
            return string.Create(
                CultureInfo.InvariantCulture,
                $"worker: {count} payments in {elapsed.TotalSeconds:F2} s = {count / elapsed.TotalSeconds:F1} payments/s " +
                $"(concurrency {options.Worker.Concurrency}, ramp failure rate {options.Ramps.FailureRate:P0}; completed {completed}, failed {failed}, " +
                $"ramp keys {usage.Count}, duplicate ramp executions {usage.Count(u => u.Executions > 1)})");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task Request(PaymentLedger ledger, int index, CancellationToken cancellationToken)
    {
        PaymentRequestValidator.Validate(new PaymentRequest(100.00m + index, "EUR", "DE89370400440532013000", "MX-CLABE-032180000118359719"), out var request);
        var key = IdempotencyKey.Parse("bench-" + index.ToString(CultureInfo.InvariantCulture));
        await ledger.Request("bench", key, request!, new EventMetadata("bench", null, "bench"), cancellationToken);
    }

    /// <summary>Tails the log until every payment has a terminal event; sleeps on commits rather than polling.</summary>
    private static async Task<(int Completed, int Failed)> AwaitTerminal(SqliteEventStore store, int count, CancellationToken cancellationToken)
    {
        var (completed, failed, position) = (0, 0, 0L);
        while (completed + failed < count)
        {
            var events = await store.ReadAll(position, 1000, cancellationToken);
            if (events.Count == 0)
            {
                await store.WaitForCommitAfter(position, cancellationToken);
                continue;
            }

            completed += events.Count(e => e.Type == TerminalTypes[0]);
            failed += events.Count(e => e.Type == TerminalTypes[1]);
            position = events[^1].Position;
        }

        return (completed, failed);
    }
}
