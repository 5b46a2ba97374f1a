using System.CommandLine;
using Payments.Aws.EventStore;
using Payments.Embedded.EventStore;
using Payments.Aws.Projections;
using Payments.Projections.Projector;

namespace Payments.Bench;

/// <summary>
/// The bench's subcommands. Defined here: `append`, durable appends per second on SQLite (next to raw SQLite inserts of
/// the same rows at the same batch size) and/or a running DynamoDB, at several writer counts, in one run; `project`,
/// projector records per second on either read model.
/// </summary>
internal static class BenchCommand
{
    /// <summary>The load benchmarks, each a subcommand of the bench executable.</summary>
    public static IReadOnlyList<Command> Create()
    {
        var writers = new Option<int[]>("--writers") { Description = "Concurrent writer counts to measure", DefaultValueFactory = _ => [1, 16, 64], AllowMultipleArgumentsPerToken = true };
        var seconds = new Option<int>("--seconds") { Description = "Measured seconds per writer count (the store, then the raw inserts)", DefaultValueFactory = _ => 5 };
        var backend = BenchBackends.BackendOption();
        var url = BenchBackends.UrlOption();
        var output = BenchOutput.Option();
        var append = new Command("append", "Durable single-event appends to fresh streams (SQLite synchronous=FULL with group commit, next to raw SQLite inserts of the same rows at the same batch size; DynamoDB TransactWriteItems)")
        {
            writers, seconds, backend, url, output,
        };
        append.SetAction(async (parse, ct) =>
        {
            var report = await RunAppend(parse.GetValue(writers)!, parse.GetValue(seconds), BenchBackends.From(parse.GetValue(backend)!, parse.GetValue(url)), ct);
            PrintAppend(report);
            BenchOutput.Write(parse.GetValue(output), report, BenchJsonContext.Default.AppendReport);
            return 0;
        });

        var payments = new Option<int>("--payments") { Description = "Payments to seed (5 events each) before projecting", DefaultValueFactory = _ => 1000 };
        var projectBackend = BenchBackends.BackendOption();
        var projectUrl = BenchBackends.UrlOption();
        var project = new Command("project", "Projector records per second into an empty read model") { payments, projectBackend, projectUrl };
        project.SetAction((parse, ct) => RunProject(parse.GetValue(payments), BenchBackends.From(parse.GetValue(projectBackend)!, parse.GetValue(projectUrl)), ct));
        return
        [
            ApiBenchmark.CreateCommand(), PipelineBenchmark.CreateCommand(), ProjectorLagBenchmark.CreateCommand(), append, AllBenchmarks.CreateCommand(),
            project, WorkerBenchmark.CreateCommand(), WebhookBenchmark.CreateCommand(), AuditBenchmark.CreateCommand(),
        ];
    }

    public static async Task<AppendReport> RunAppend(int[] writerCounts, int seconds, BenchBackends backends, CancellationToken cancellationToken)
    {
        var directory = TempDirectory();
        var rows = new List<AppendRow>();
        try
        {
            foreach (var writers in writerCounts)
            {
                if (backends.Sqlite)
                {
                    await Console.Error.WriteLineAsync($"append: sqlite, {writers} writers ...");
                    rows.Add(await AppendSqlite(directory, writers, seconds, cancellationToken));
                }

                if (backends.DynamoDbUrl is { } url)
                {
                    await Console.Error.WriteLineAsync($"append: dynamodb, {writers} writers ...");
                    rows.Add(await AppendDynamoDb(url, writers, seconds, cancellationToken));
                }
            }
        }
        finally
        {
            Cleanup(directory);
        }

        return new AppendReport(MachineDescription.Current(), seconds, RawSqliteInsertBenchmark.RowBytes(AppendBenchmark.SampleEvent()), rows);
    }

    public static void PrintAppend(AppendReport report)
    {
        Console.WriteLine(report.Machine.Line);
        Console.WriteLine(
            $"append: single-event appends to fresh streams, {report.SecondsPerRow} s per row after 1 s warm-up; raw = one connection inserting the same {report.RowBytes}-byte rows "
            + "(same columns and indexes, WAL, synchronous=FULL) in transactions of the store's measured appends/commit");
        Console.WriteLine("target: store >= 50 % of raw at equal batch size");
        var table = new BenchTable("backend", "writers", "events/s", "p50 ms", "p99 ms", "appends/commit", "raw batch", "raw events/s", "store/raw");
        foreach (var row in report.Rows)
        {
            table.Row(row.Backend, row.Writers, row.EventsPerSecond, row.P50Ms, row.P99Ms, row.AppendsPerCommit, row.RawBatchSize, row.RawEventsPerSecond, row.StoreToRaw is { } ratio ? $"{ratio:P0}" : null);
        }

        Console.WriteLine(table);
    }

    private static async Task<AppendRow> AppendSqlite(string directory, int writers, int seconds, CancellationToken cancellationToken)
    {
        AppendBenchmarkResult result;
        long commits;
        var storePath = Path.Combine(directory, $"w{writers}.db");
        await using (var store = SqliteEventStore.Open(storePath, TimeProvider.System))
        {
            await AppendBenchmark.Run(store, writers, TimeSpan.FromSeconds(1), cancellationToken);
            var commitsBefore = store.CommitCount;
            result = await AppendBenchmark.Run(store, writers, TimeSpan.FromSeconds(seconds), cancellationToken);
            commits = store.CommitCount - commitsBefore;
        }

        var perCommit = result.Events / (double)Math.Max(1, commits);
        var batch = Math.Max(1, (int)Math.Round(perCommit));
        var rawPath = Path.Combine(directory, $"raw{writers}.db");
        var sample = AppendBenchmark.SampleEvent();
        var raw = RawSqliteInsertBenchmark.Run(rawPath, storePath, sample, batch, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(seconds));
        return new AppendRow("sqlite", writers, result.Events, result.EventsPerSecond, result.P50Milliseconds, result.P99Milliseconds, perCommit, batch, raw, result.EventsPerSecond / raw);
    }

    private static async Task<AppendRow> AppendDynamoDb(Uri url, int writers, int seconds, CancellationToken cancellationToken)
    {
        using var client = BenchBackends.Client(url);
        var tables = BenchBackends.FreshTables();
        await DynamoDbEventStoreSchema.EnsureCreated(client, tables, cancellationToken);
        await using var store = new DynamoDbEventStore(client, tables, TimeProvider.System);
        await AppendBenchmark.Run(store, writers, TimeSpan.FromSeconds(1), cancellationToken);
        var result = await AppendBenchmark.Run(store, writers, TimeSpan.FromSeconds(seconds), cancellationToken);
        return new AppendRow("dynamodb", writers, result.Events, result.EventsPerSecond, result.P50Milliseconds, result.P99Milliseconds, null, null, null, null);
    }

    private static async Task<int> RunProject(int payments, BenchBackends backends, CancellationToken cancellationToken)
    {
        Console.WriteLine(MachineDescription.Current().Line);
        if (backends.Sqlite)
        {
            var catchUp = await ProjectorBenchmark.CatchUpSqlite(payments, cancellationToken);
            Console.WriteLine(ProjectorBenchmark.Describe("sqlite", catchUp.Records, catchUp.RecordsPerSecond) + $"  (projection consumer, {catchUp.PageSize} events per page)");
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
