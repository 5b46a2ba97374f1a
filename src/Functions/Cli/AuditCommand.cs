using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Payments.Application.Audit;
using Payments.Application.Audit.Documents;
using Payments.Embedded;
using Payments.Embedded.Audit;
using Payments.Embedded.EventStore;
using Payments.EventStore.Audit;
using Payments.EventStore.Contract;

namespace Payments.Functions.Cli;

/// <summary>
/// `audit verify | export | checkpoint`: the auditor's tools over the embedded files, opened read-only so they are safe
/// beside a running `serve`. Exit 0 intact, 1 when anything is wrong, 2 when the input is.
/// </summary>
internal static class AuditCommand
{
    private const int Broken = 1;
    private const int BadInput = 2;

    public static Command Create() => new("audit", "Verify the log against signed checkpoints, export offline bundles, save a checkpoint")
    {
        VerifyCommand(), ExportCommand(), CheckpointCommand(),
    };

    private static Command VerifyCommand()
    {
        var dataDir = DataDirectory.CreateOption();
        var checkpoint = new Option<FileInfo?>("--checkpoint") { Description = "A checkpoint saved earlier (`audit checkpoint --out`, GET /audit/checkpoint); default: the latest stored" };
        var publicKey = new Option<FileInfo?>("--public-key") { Description = "The pinned signing key (PEM); default: the key the checkpoint names" };
        var payment = new Option<string?>("--payment") { Description = "Verify one payment: its chain and each event's inclusion proof" };
        var bundle = new Option<DirectoryInfo?>("--bundle") { Description = "Verify an exported bundle offline instead of the data directory" };
        var command = new Command("verify", "Recompute every chain, position contiguity and the Merkle tree; hold them against a signed checkpoint")
        {
            dataDir, checkpoint, publicKey, payment, bundle,
        };
        command.SetAction((parse, ct) => Verify(
            DataDirectory.Resolve(parse.GetValue(dataDir)), parse.GetValue(checkpoint), parse.GetValue(publicKey), parse.GetValue(payment), parse.GetValue(bundle), ct));
        return command;
    }

    private static Command ExportCommand()
    {
        var dataDir = DataDirectory.CreateOption();
        var from = new Option<long>("--from") { Description = "First position", Required = true };
        var to = new Option<long?>("--to") { Description = "Last position (default: the latest checkpoint's size)" };
        var output = new Option<DirectoryInfo>("--out") { Description = "Directory to write checkpoint.json and events.jsonl into", Required = true };
        var command = new Command("export", "Write an offline bundle: events as JSON Lines with inclusion proofs against the latest checkpoint") { dataDir, from, to, output };
        command.SetAction((parse, ct) => Export(DataDirectory.Resolve(parse.GetValue(dataDir)), parse.GetValue(from), parse.GetValue(to), parse.GetValue(output)!, ct));
        return command;
    }

    private static Command CheckpointCommand()
    {
        var dataDir = DataDirectory.CreateOption();
        var output = new Option<FileInfo?>("--out") { Description = "Save the checkpoint to this file (default: print it)" };
        var command = new Command("checkpoint", "Print or save the latest signed checkpoint, to verify the log against later") { dataDir, output };
        command.SetAction((parse, ct) => SaveCheckpoint(DataDirectory.Resolve(parse.GetValue(dataDir)), parse.GetValue(output), ct));
        return command;
    }

    private static async Task<int> Verify(string dataDir, FileInfo? checkpointFile, FileInfo? keyFile, string? payment, DirectoryInfo? bundle, CancellationToken cancellationToken)
    {
        byte[]? trustedKey;
        try
        {
            trustedKey = keyFile is null ? null : ReadPublicKey(keyFile.FullName);
        }
        catch (Exception e) when (e is IOException or ArgumentException or CryptographicException)
        {
            return await Fail($"--public-key {keyFile!.FullName}: {e.Message}");
        }

        var clock = Stopwatch.StartNew();
        if (bundle is not null)
        {
            return Report(await AuditBundle.Verify(bundle.FullName, trustedKey, cancellationToken), clock.Elapsed);
        }

        var files = new DataDirectoryLayout(dataDir);
        SqliteEventLogReader events;
        await using var tree = File.Exists(files.Audit) ? SqliteAuditLog.OpenReadOnly(files.Audit) : null;
        SignedCheckpoint? checkpoint;
        try
        {
            events = SqliteEventLogReader.Open(files.Events);
            checkpoint = checkpointFile is null
                ? tree is null ? null : await tree.LatestCheckpoint(cancellationToken)
                : ReadCheckpoint(checkpointFile.FullName);
        }
        catch (Exception e) when (e is IOException or JsonException or InvalidDataException)
        {
            return await Fail(e.Message);
        }

        var audit = new LogAudit(events, tree);
        if (payment is not null)
        {
            if (!Guid.TryParse(payment, out var paymentId) || checkpoint is null)
            {
                return await Fail(checkpoint is null ? "No checkpoint to prove inclusion against: pass --checkpoint or let `serve` sign one." : $"--payment {payment} is not a payment id.");
            }

            return Report(await audit.VerifyStream(StreamId.For(paymentId), checkpoint, trustedKey, cancellationToken), clock.Elapsed);
        }

        var report = await audit.Verify(checkpoint, trustedKey, checkedSoFar => Progress(checkedSoFar, clock.Elapsed), cancellationToken);
        return Report(report, clock.Elapsed);
    }

    private static async Task<int> Export(string dataDir, long from, long? to, DirectoryInfo output, CancellationToken cancellationToken)
    {
        var files = new DataDirectoryLayout(dataDir);
        try
        {
            var events = SqliteEventLogReader.Open(files.Events);
            await using var tree = SqliteAuditLog.OpenReadOnly(files.Audit);
            var checkpoint = await tree.LatestCheckpoint(cancellationToken);
            var last = to ?? checkpoint?.TreeSize ?? 0;
            if (checkpoint is null || from < 1 || last < from || last > checkpoint.TreeSize)
            {
                return await Fail(checkpoint is null
                    ? "No signed checkpoint yet: `serve` signs one every minute the log grows, or POST /audit/checkpoints."
                    : $"Positions must satisfy 1 ≤ --from ≤ --to ≤ {checkpoint.TreeSize} (the latest checkpoint's size).");
            }

            var written = await AuditBundle.Write(output.FullName, events, tree, checkpoint, from, last, cancellationToken);
            Console.WriteLine($"{written} events (positions {from}–{last}) with inclusion proofs against checkpoint {checkpoint.TreeSize} (key {checkpoint.KeyId}) written to {output.FullName}");
            return 0;
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            return await Fail(e.Message);
        }
    }

    private static async Task<int> SaveCheckpoint(string dataDir, FileInfo? output, CancellationToken cancellationToken)
    {
        var files = new DataDirectoryLayout(dataDir);
        try
        {
            await using var tree = SqliteAuditLog.OpenReadOnly(files.Audit);
            if (await tree.LatestCheckpoint(cancellationToken) is not { } checkpoint)
            {
                return await Fail("No signed checkpoint yet: `serve` signs one every minute the log grows, or POST /audit/checkpoints.");
            }

            var json = JsonSerializer.Serialize(CheckpointDocument.From(checkpoint), AuditJsonContext.Default.CheckpointDocument);
            if (output is null)
            {
                Console.WriteLine(json);
            }
            else
            {
                await File.WriteAllTextAsync(output.FullName, json, cancellationToken);
                Console.WriteLine($"checkpoint of {checkpoint.TreeSize} events signed {checkpoint.IssuedAt:O} by key {checkpoint.KeyId} saved to {output.FullName}");
            }

            return 0;
        }
        catch (IOException e)
        {
            return await Fail(e.Message);
        }
    }

    private static SignedCheckpoint ReadCheckpoint(string path) =>
        (JsonSerializer.Deserialize(File.ReadAllText(path), AuditJsonContext.Default.CheckpointDocument) ?? throw new InvalidDataException($"{path} is JSON null.")).ToCheckpoint();

    private static byte[] ReadPublicKey(string path)
    {
        using var key = ECDsa.Create();
        key.ImportFromPem(File.ReadAllText(path));
        return key.ExportSubjectPublicKeyInfo();
    }

    private static void Progress(long checkedSoFar, TimeSpan elapsed)
    {
        if (checkedSoFar % (LogAudit.PageSize * 10) == 0)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"… {checkedSoFar:N0} events checked ({elapsed.TotalSeconds:F1} s)"));
        }
    }

    private static int Report(AuditReport report, TimeSpan elapsed)
    {
        foreach (var finding in report.Findings)
        {
            Console.WriteLine($"BAD position {finding.Position}: {finding.Reason}");
        }

        var against = report.CheckpointSize is { } size
            ? $"against a checkpoint of {size} events (signature {(report.SignatureValid == true ? "valid" : "INVALID")})"
            : "with no checkpoint to hold it against";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{report.EventsChecked:N0} events in {report.Streams:N0} payments checked {against} in {elapsed.TotalSeconds:F2} s"));
        Console.WriteLine(report.IsIntact ? "INTACT" : $"BROKEN: first bad position {report.FirstBad?.Position.ToString(CultureInfo.InvariantCulture) ?? "(signature)"}");
        return report.IsIntact ? 0 : Broken;
    }

    private static async Task<int> Fail(string message)
    {
        await Console.Error.WriteLineAsync(message);
        return BadInput;
    }
}
