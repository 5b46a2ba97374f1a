using Payments.Embedded;
using System.CommandLine;
using System.Diagnostics;
using Payments.Aws.EventStore;
using Payments.Embedded.Consumers;
using Payments.Projections.Projector;
using Payments.Embedded.EventStore;
using Payments.Aws;
using Payments.Aws.Projections;
using Payments.Embedded.Projections;

namespace Payments.Functions.Cli;

/// <summary>
/// `projections rebuild`: recomputes the payments table (embedded or DynamoDB) from the event log. The
/// projector only writes rows, so a rebuild never re-sends a webhook or calls a ramp.
/// </summary>
internal static class ProjectionsCommand
{
    public static Command Create()
    {
        var dataDir = DataDirectory.CreateOption();
        var backend = new Option<string>("--backend") { Description = "sqlite (the embedded files) or dynamodb (the cloud tables)", DefaultValueFactory = _ => "sqlite" };
        backend.AcceptOnlyFromAmong("sqlite", "dynamodb");
        var url = new Option<Uri?>("--dynamodb-url") { Description = "DynamoDB endpoint (default: the SDK's, from the environment)" };
        var prefix = new Option<string>("--table-prefix") { Description = "Prefix of the event store tables", DefaultValueFactory = _ => "" };
        var table = new Option<string>("--read-model-table") { Description = "The payments table", DefaultValueFactory = _ => DynamoDbPaymentsSchema.DefaultTableName };
        var rebuild = new Command("rebuild", "Recompute the payments read model from the event log (no side effects are replayed)") { dataDir, backend, url, prefix, table };
        rebuild.SetAction((parse, ct) => parse.GetValue(backend) == "dynamodb"
            ? RebuildDynamoDb(parse.GetValue(url), parse.GetValue(prefix)!, parse.GetValue(table)!, ct)
            : Rebuild(DataDirectory.Resolve(parse.GetValue(dataDir)), ct));
        return new Command("projections", "Read models derived from the event log") { rebuild };
    }

    private static async Task<int> RebuildDynamoDb(Uri? endpoint, string tablePrefix, string readModelTable, CancellationToken cancellationToken)
    {
        using var client = CloudClients.DynamoDb(endpoint);
        await using var store = new DynamoDbEventStore(client, DynamoDbEventStoreTables.WithPrefix(tablePrefix), TimeProvider.System);
        var started = Stopwatch.GetTimestamp();
        var (payments, events, removed) = await DynamoDbPaymentRebuild.Run(store, new DynamoDbPaymentReadModel(client, readModelTable), cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        Console.WriteLine($"rebuilt {readModelTable}: {payments} payments from {events} events, {removed} rows without a stream removed, in {elapsed.TotalSeconds:F2} s");
        return 0;
    }

    private static async Task<int> Rebuild(string dataDir, CancellationToken cancellationToken)
    {
        var files = new DataDirectoryLayout(dataDir);
        await using var store = SqliteEventStore.Open(files.Events, TimeProvider.System);
        await using var checkpoints = SqliteConsumerStore.Open(files.ReadModel, TimeProvider.System);
        var model = SqlitePaymentReadModel.Open(files.ReadModel);
        var started = Stopwatch.GetTimestamp();
        var applied = await SqlitePaymentRebuild.Run(store, model, checkpoints, TimeProvider.System, cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        var checkpoint = await checkpoints.Load(PaymentProjectionConsumer.ConsumerName, cancellationToken);
        Console.WriteLine($"rebuilt {files.ReadModel} from {applied} events in {elapsed.TotalSeconds:F2} s (checkpoint {checkpoint})");
        return 0;
    }
}
