using System.Diagnostics;
using System.Globalization;
using Payments.Domain.Decisions;
using Payments.Domain.Requests;
using Payments.EventStore.Contract;
using Payments.Application.Ledger;
using Payments.Projections.Projector;
using Microsoft.Extensions.Logging.Abstractions;
using Payments.Application.Consumers;
using Payments.Embedded;
using Payments.Embedded.Consumers;
using Payments.Embedded.EventStore;
using Payments.Embedded.Projections;

namespace Payments.Bench;

/// <summary>
/// Projector throughput: writes P payments through the whole sandwich (5 events each), then
/// times applying every event of the log to an empty read model, in log order.
/// </summary>
internal static class ProjectorBenchmark
{
    public static async Task Seed(IEventStore store, int payments, CancellationToken cancellationToken)
    {
        var ledger = new PaymentLedger(store, TimeProvider.System);
        var metadata = new EventMetadata("bench", null, "bench");
        PaymentRequestValidator.Validate(new PaymentRequest(1_234.56m, "EUR", "DE89370400440532013000", "MX-CLABE-032180000118359719"), out var request);
        await Parallel.ForEachAsync(Enumerable.Range(0, payments), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = cancellationToken }, async (i, ct) =>
        {
            var key = IdempotencyKey.Parse("bench-" + Guid.NewGuid().ToString("N"));
            var accepted = (RequestOutcome.Accepted)await ledger.Request("bench", key, request!, metadata, ct);
            var id = accepted.Payment.PaymentId;
            await ledger.Execute(id, new PaymentCommand.StartProcessing(), metadata, ct);
            await ledger.Execute(id, new PaymentCommand.CompleteOnRamp("on-" + i, 1_333.33m, 1.08m), metadata, ct);
            await ledger.Execute(id, new PaymentCommand.CompleteOffRamp("off-" + i, 22_666.61m, 17m), metadata, ct);
        });
    }

    /// <summary>Applies every stream's events through <paramref name="apply"/>, as stream records arrive; returns records per second.</summary>
    public static async Task<(long Records, double PerSecond)> Measure(IEventReader log, IReadOnlyList<StreamId> streams, Func<StoredEvent, Task> apply, CancellationToken cancellationToken)
    {
        var events = new List<StoredEvent>();
        foreach (var stream in streams)
        {
            events.AddRange(await log.ReadStream(stream, 1, cancellationToken));
        }

        var started = Stopwatch.GetTimestamp();
        foreach (var e in events)
        {
            await apply(e);
        }

        return (events.Count, events.Count / Stopwatch.GetElapsedTime(started).TotalSeconds);
    }

    /// <summary>The projection consumer over a seeded SQLite log into an empty read model, as `serve` runs it.</summary>
    public static async Task<ProjectorCatchUp> CatchUpSqlite(int payments, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(Path.GetTempPath(), "payments-bench-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var store = SqliteEventStore.Open(Path.Combine(directory, DataDirectoryLayout.EventsFile), TimeProvider.System);
            await Seed(store, payments, cancellationToken);
            var files = new DataDirectoryLayout(directory);
            var model = SqlitePaymentReadModel.Open(files.ReadModel);
            await using var checkpoints = SqliteConsumerStore.Open(files.ReadModel, TimeProvider.System);
            var projection = new EventLogSubscription(
                new PaymentProjectionConsumer(new PaymentProjector(store), model), store, checkpoints, checkpoints, PaymentProjectionConsumer.Policy, TimeProvider.System, NullLogger.Instance);
            var started = Stopwatch.GetTimestamp();
            var applied = await projection.CatchUp(cancellationToken);
            return new ProjectorCatchUp(applied, applied / Stopwatch.GetElapsedTime(started).TotalSeconds, projection.PageSize);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (Directory.Exists(directory))
            {
                Directory.Delete(directory, recursive: true);
            }
        }
    }

    public static string Describe(string backend, long records, double perSecond) =>
        string.Create(CultureInfo.InvariantCulture, $"{backend,-8} projector records={records,8}  {perSecond,10:F0} records/s");

    public static Func<StoredEvent, Task> Into(PaymentProjector projector, IPaymentProjectionStore store, CancellationToken cancellationToken) =>
        e => projector.Apply(e, store, cancellationToken);
}
