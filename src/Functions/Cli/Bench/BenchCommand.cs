using System.CommandLine;
using Payments.EventStore.Sqlite;

namespace Payments.Functions.Cli.Bench;

/// <summary>`bench append`: measures durable appends per second on the embedded store at several writer counts.</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var writers = new Option<int[]>("--writers") { Description = "Concurrent writer counts to measure", DefaultValueFactory = _ => [1, 16], AllowMultipleArgumentsPerToken = true };
        var seconds = new Option<int>("--seconds") { Description = "Measured seconds per writer count", DefaultValueFactory = _ => 5 };
        var append = new Command("append", "Durable single-event appends to fresh streams (SQLite, synchronous=FULL, group commit)") { writers, seconds };
        append.SetAction((parse, ct) => RunAppend(parse.GetValue(writers)!, parse.GetValue(seconds), ct));
        var clients = new Option<int[]>("--clients") { Description = "Concurrent HTTP clients to measure", DefaultValueFactory = _ => [1, 16, 64], AllowMultipleArgumentsPerToken = true };
        var apiSeconds = new Option<int>("--seconds") { Description = "Measured seconds per client count", DefaultValueFactory = _ => 5 };
        var api = new Command("api", "POST then GET against the real host on loopback; latency percentiles against the 500 ms p95 target") { clients, apiSeconds };
        api.SetAction((parse, ct) => RunApi(parse.GetValue(clients)!, parse.GetValue(apiSeconds), ct));
        return new Command("bench", "Benchmarks (figures for the closing notes; not tests)") { append, api, WorkerBenchmark.CreateCommand() };
    }

    private static async Task<int> RunApi(int[] clientCounts, int seconds, CancellationToken cancellationToken)
    {
        foreach (var clients in clientCounts)
        {
            Console.WriteLine(await ApiLoadBenchmark.Run(clients, TimeSpan.FromSeconds(seconds), cancellationToken));
        }

        return 0;
    }

    private static async Task<int> RunAppend(int[] writerCounts, int seconds, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(Path.GetTempPath(), "payments-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            foreach (var writers in writerCounts)
            {
                await using var store = SqliteEventStore.Open(Path.Combine(directory, $"w{writers}.db"), TimeProvider.System);
                await AppendBenchmark.Run(store, writers, TimeSpan.FromSeconds(1), cancellationToken);
                var commitsBefore = store.CommitCount;
                var result = await AppendBenchmark.Run(store, writers, TimeSpan.FromSeconds(seconds), cancellationToken);
                var commits = store.CommitCount - commitsBefore;
                Console.WriteLine($"{result.Describe("sqlite")}  commits={commits} ({result.Events / (double)Math.Max(1, commits):F1} appends/commit)");
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }

        return 0;
    }
}
