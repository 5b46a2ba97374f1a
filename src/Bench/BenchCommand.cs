using System.CommandLine;
using System.Diagnostics;
using Payments.Aws.EventStore;
using Payments.Embedded.EventStore;
using Payments.Aws.Projections;
using Payments.Embedded.Projections;
using Microsoft.Extensions.Logging.Abstractions;
using Payments.Application.Consumers;
using Payments.Embedded;
using Payments.Embedded.Consumers;
using Payments.Projections.Projector;

namespace Payments.Bench;

/// <summary>
/// `append`: durable appends per second on SQLite and/or a running DynamoDB, at several
/// writer counts, in one run. `project`: projector records per second on either read model.
/// </summary>
internal static class BenchCommand
{
    /// <summary>The load benchmarks, each a subcommand of the bench executable.</summary>
    public static IReadOnlyList<Command> Create()
    {
        var writers = new Option<int[]>("--writers") { Description = "Concurrent writer counts to measure", DefaultValueFactory = _ => [1, 16], AllowMultipleArgumentsPerToken = true };
        var seconds = new Option<int>("--seconds") { Description = "Measured seconds per writer count", DefaultValueFactory = _ => 5 };
        var backend = BenchBackends.BackendOption();
        var url = BenchBackends.UrlOption();
        var append = new Command("append", "Durable single-event appends to fresh streams (SQLite synchronous=FULL with group commit; DynamoDB TransactWriteItems)") { writers, seconds, backend, url };
        append.SetAction((parse, ct) => RunAppend(parse.GetValue(writers)!, parse.GetValue(seconds), BenchBackends.From(parse.GetValue(backend)!, parse.GetValue(url)), ct));

        var payments = new Option<int>("--payments") { Description = "Payments to seed (5 events each) before projecting", DefaultValueFactory = _ => 1000 };
        var projectBackend = BenchBackends.BackendOption();
        var projectUrl = BenchBackends.UrlOption();
        var project = new Command("project", "Projector records per second into an empty read model") { payments, projectBackend, projectUrl };
        project.SetAction((parse, ct) => RunProject(parse.GetValue(payments), BenchBackends.From(parse.GetValue(projectBackend)!, parse.GetValue(projectUrl)), ct));
        var clients = new Option<int[]>("--clients") { Description = "Concurrent HTTP clients to measure", DefaultValueFactory = _ => [1, 16, 64], AllowMultipleArgumentsPerToken = true };
        var apiSeconds = new Option<int>("--seconds") { Description = "Measured seconds per client count", DefaultValueFactory = _ => 5 };
        var api = new Command("api", "POST then GET against the real host on loopback; latency percentiles against the 500 ms p95 target") { clients, apiSeconds };
        api.SetAction((parse, ct) => RunApi(parse.GetValue(clients)!, parse.GetValue(apiSeconds), ct));
        return [append, project, api, WorkerBenchmark.CreateCommand(), WebhookBenchmark.CreateCommand(), AuditBenchmark.CreateCommand()];
    }

    private static async Task<int> RunApi(int[] clientCounts, int seconds, CancellationToken cancellationToken)
    {
        foreach (var clients in clientCounts)
        {
            Console.WriteLine(await ApiLoadBenchmark.Run(clients, TimeSpan.FromSeconds(seconds), cancellationToken));
        }

        return 0;
    }

    private static async Task<int> RunAppend(int[] writerCounts, int seconds, BenchBackends backends, CancellationToken cancellationToken)
    {
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}");
        var directory = TempDirectory();
        try
        {
            foreach (var writers in writerCounts)
            {
                if (backends.Sqlite)
                {
                    await AppendSqlite(directory, writers, seconds, cancellationToken);
                }

                if (backends.DynamoDbUrl is { } url)
                {
                    await AppendDynamoDb(url, writers, seconds, cancellationToken);
                }
            }
        }
        finally
        {
            Cleanup(directory);
        }

        return 0;
    }

    private static async Task AppendSqlite(string directory, int writers, int seconds, CancellationToken cancellationToken)
    {
        await using var store = SqliteEventStore.Open(Path.Combine(directory, $"w{writers}.db"), TimeProvider.System);
        await AppendBenchmark.Run(store, writers, TimeSpan.FromSeconds(1), cancellationToken);
        var commitsBefore = store.CommitCount;
        var result = await AppendBenchmark.Run(store, writers, TimeSpan.FromSeconds(seconds), cancellationToken);
        var commits = store.CommitCount - commitsBefore;
        Console.WriteLine($"{result.Describe("sqlite")}  commits={commits} ({result.Events / (double)Math.Max(1, commits):F1} appends/commit)");
    }

    private static async Task AppendDynamoDb(Uri url, int writers, int seconds, CancellationToken cancellationToken)
    {
        using var client = BenchBackends.Client(url);
        var tables = BenchBackends.FreshTables();
        await DynamoDbEventStoreSchema.EnsureCreated(client, tables, cancellationToken);
        await using var store = new DynamoDbEventStore(client, tables, TimeProvider.System);
        await AppendBenchmark.Run(store, writers, TimeSpan.FromSeconds(1), cancellationToken);
        var result = await AppendBenchmark.Run(store, writers, TimeSpan.FromSeconds(seconds), cancellationToken);
        Console.WriteLine(result.Describe("dynamodb"));
    }

    private static async Task<int> RunProject(int payments, BenchBackends backends, CancellationToken cancellationToken)
    {
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}");
        var directory = TempDirectory();
        try
        {
            if (backends.Sqlite)
            {
                await using var store = SqliteEventStore.Open(Path.Combine(directory, "events.db"), TimeProvider.System);
                await ProjectorBenchmark.Seed(store, payments, cancellationToken);
                var files = new DataDirectoryLayout(directory);
                var model = SqlitePaymentReadModel.Open(files.ReadModel);
                await using var checkpoints = SqliteConsumerStore.Open(files.ReadModel, TimeProvider.System);
                var projection = new EventLogSubscription(
                    new PaymentProjectionConsumer(new PaymentProjector(store), model), store, checkpoints, checkpoints, PaymentProjectionConsumer.Policy, TimeProvider.System, NullLogger.Instance);
                var started = Stopwatch.GetTimestamp();
                var applied = await projection.CatchUp(cancellationToken);
                Console.WriteLine(ProjectorBenchmark.Describe("sqlite", applied, applied / Stopwatch.GetElapsedTime(started).TotalSeconds) + $"  (projection consumer, {projection.PageSize} events per page)");
            }

            if (backends.DynamoDbUrl is { } url)
            {
                using var client = BenchBackends.Client(url);
                var tables = BenchBackends.FreshTables();
                await DynamoDbEventStoreSchema.EnsureCreated(client, tables, cancellationToken);
                await using var store = new DynamoDbEventStore(client, tables, TimeProvider.System);
                await ProjectorBenchmark.Seed(store, payments, cancellationToken);
                var table = tables.Events + "_payments";
                await DynamoDbPaymentsSchema.EnsureCreated(client, table, cancellationToken);
                var model = new DynamoDbPaymentReadModel(client, table);
                var (records, perSecond) = await ProjectorBenchmark.Measure(store, await store.StreamIds(cancellationToken), ProjectorBenchmark.Into(new PaymentProjector(store), model, cancellationToken), cancellationToken);
                Console.WriteLine(ProjectorBenchmark.Describe("dynamodb", records, perSecond) + "  (one record at a time, as a Lambda batch applies them)");
            }
        }
        finally
        {
            Cleanup(directory);
        }

        return 0;
    }

    private static string TempDirectory() => Path.Combine(Path.GetTempPath(), "payments-bench-" + Guid.NewGuid().ToString("N"));

    private static void Cleanup(string directory)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
