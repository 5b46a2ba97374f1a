using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Payments.Application.Audit;
using Payments.Application.Audit.Documents;
using Payments.Embedded.Audit;
using Payments.Embedded.EventStore;
using Payments.EventStore.Audit;

namespace Payments.Bench;

/// <summary>
/// `audit`: the verifiable log at scale on the embedded files. Seeds P payments (5 events each), then times building
/// the Merkle tree as the consumer does, signing a checkpoint, `audit verify` over the whole log, and proofs; prints
/// the sizes of a checkpoint, an inclusion proof and a consistency proof as served.
/// </summary>
internal static class AuditBenchmark
{
    public static Command CreateCommand()
    {
        var payments = new Option<int>("--payments") { Description = "Payments to seed (5 events each)", DefaultValueFactory = _ => 20_000 };
        var command = new Command("audit", "Tree build, checkpoint, whole-log verify and proof sizes over a seeded embedded log") { payments };
        command.SetAction((parse, ct) => Run(parse.GetValue(payments), ct));
        return command;
    }

    private static async Task<int> Run(int payments, CancellationToken cancellationToken)
    {
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores, {Environment.OSVersion}");
        var directory = Path.Combine(Path.GetTempPath(), "payments-bench-audit-" + Guid.NewGuid().ToString("N"));
        var keys = directory + "-keys";
        Directory.CreateDirectory(directory);
        try
        {
            var events = Path.Combine(directory, "events.db");
            await using (var store = SqliteEventStore.Open(events, TimeProvider.System))
            {
                await ProjectorBenchmark.Seed(store, payments, cancellationToken);
            }

            var log = SqliteEventLogReader.Open(events);
            await using var tree = SqliteAuditLog.Open(Path.Combine(directory, SqliteAuditLog.FileName));
            var size = await Timed("tree build", () => Build(log, tree, cancellationToken));
            using var signer = KeyFileCheckpointSigner.OpenOrCreate(Path.Combine(keys, "audit.pem"), directory);
            var checkpoint = await Timed("checkpoint", () => new AuditCheckpointer(tree, signer, TimeProvider.System).Sign(cancellationToken));
            var report = await Timed("verify", () => new LogAudit(log, tree).Verify(checkpoint, checkpoint.PublicKey, null, cancellationToken));
            Console.WriteLine($"verify: {report.EventsChecked:N0} events in {report.Streams:N0} payments, intact={report.IsIntact}");
            await ProofFigures(tree, log, signer, checkpoint, cancellationToken);
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"audit.db: {new FileInfo(Path.Combine(directory, SqliteAuditLog.FileName)).Length / 1024.0 / 1024:F1} MiB for {size:N0} leaves; events.db: {new FileInfo(events).Length / 1024.0 / 1024:F1} MiB"));
            return report.IsIntact ? 0 : 1;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
            Directory.Delete(keys, recursive: true);
        }
    }

    private static async Task<long> Build(SqliteEventLogReader log, SqliteAuditLog tree, CancellationToken cancellationToken)
    {
        var builder = new AuditLogBuilder(tree);
        long after = 0;
        while (await log.ReadAll(after, 256, cancellationToken) is { Count: > 0 } page)
        {
            await builder.Handle(page, cancellationToken);
            after = page[^1].Position;
        }

        return after;
    }

    private static async Task ProofFigures(SqliteAuditLog tree, SqliteEventLogReader log, ICheckpointSigner signer, SignedCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        var trail = new AuditTrail(tree, log, new AuditCheckpointer(tree, signer, TimeProvider.System));
        var random = new Random(12);
        const int proofs = 1_000;
        var started = Stopwatch.GetTimestamp();
        var bytes = 0L;
        for (var i = 0; i < proofs; i++)
        {
            var proof = await trail.Inclusion(random.NextInt64(1, checkpoint.TreeSize + 1), checkpoint.TreeSize, cancellationToken);
            bytes += JsonSerializer.SerializeToUtf8Bytes(proof.Document!, AuditJsonContext.Default.InclusionProofDocument).Length;
        }

        var perProof = Stopwatch.GetElapsedTime(started).TotalMilliseconds / proofs;
        var consistency = await trail.Consistency(checkpoint.TreeSize / 3, checkpoint.TreeSize, cancellationToken);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"inclusion proof: {perProof:F2} ms each, {bytes / proofs} bytes of JSON ({MerkleHashes(checkpoint.TreeSize)} hashes)"));
        Console.WriteLine($"consistency proof {checkpoint.TreeSize / 3}→{checkpoint.TreeSize}: {consistency.Document!.Proof.Count} hashes, {JsonSerializer.SerializeToUtf8Bytes(consistency.Document, AuditJsonContext.Default.ConsistencyProofDocument).Length} bytes of JSON");
        Console.WriteLine($"checkpoint: {JsonSerializer.SerializeToUtf8Bytes(CheckpointDocument.From(checkpoint), AuditJsonContext.Default.CheckpointDocument).Length} bytes of JSON, signature {checkpoint.Signature.Length} bytes");
    }

    private static int MerkleHashes(long size) => (int)Math.Ceiling(Math.Log2(size));

    private static async Task<T> Timed<T>(string what, Func<Task<T>> action)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await action();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{what}: {Stopwatch.GetElapsedTime(started).TotalSeconds:F2} s"));
        return result;
    }
}
