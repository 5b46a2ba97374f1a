using System.Text;
using System.Text.Json;
using Payments.Application.Audit.Documents;
using Payments.EventStore.Audit;
using Payments.EventStore.Contract;
using Payments.EventStore.Integrity;

namespace Payments.Application.Audit;

/// <summary>
/// An offline audit bundle, a directory: <c>checkpoint.json</c> (the signed checkpoint every proof is against) and
/// <c>events.jsonl</c> (the events as stored, one per line, each with its predecessor's hash and inclusion proof).
/// Checking one needs nothing but the bundle and, ideally, the signing key the auditor pinned.
/// </summary>
public static class AuditBundle
{
    public const string CheckpointFile = "checkpoint.json";
    public const string EventsFile = "events.jsonl";

    /// <summary>Exports positions [<paramref name="from"/>, <paramref name="to"/>] with proofs against <paramref name="checkpoint"/>.</summary>
    public static async Task<long> Write(string directory, IEventLog log, IAuditLogStore tree, SignedCheckpoint checkpoint, long from, long to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        ArgumentNullException.ThrowIfNull(checkpoint);
        Directory.CreateDirectory(directory);
        await File.WriteAllTextAsync(
            Path.Combine(directory, CheckpointFile), JsonSerializer.Serialize(CheckpointDocument.From(checkpoint), AuditJsonContext.Default.CheckpointDocument), cancellationToken).ConfigureAwait(false);
        var previous = new Dictionary<StreamId, string>();
        long written = 0;
        await using var events = new StreamWriter(Path.Combine(directory, EventsFile), false, new UTF8Encoding(false));
        for (var after = from - 1; after < to;)
        {
            var page = await log.ReadAll(after, (int)Math.Min(LogAudit.PageSize, to - after), cancellationToken).ConfigureAwait(false);
            if (page.Count == 0)
            {
                break;
            }

            foreach (var e in page.Where(e => e.Position <= to))
            {
                var previousHash = previous.TryGetValue(e.StreamId, out var p) ? p : await PreviousHash(log, e, cancellationToken).ConfigureAwait(false);
                var proof = await MerkleProofs.Inclusion(tree, e.Position - 1, checkpoint.TreeSize, cancellationToken).ConfigureAwait(false);
                await events.WriteLineAsync(JsonSerializer.Serialize(AuditEventLine.From(e, e.Position, previousHash, proof), AuditJsonContext.Default.AuditEventLine)).ConfigureAwait(false);
                previous[e.StreamId] = e.Hash;
                written++;
            }

            after = page[^1].Position;
        }

        return written;
    }

    /// <summary>Checks every line: its chain link, and its inclusion in the checkpoint's tree; and the checkpoint's signature.</summary>
    public static async Task<AuditReport> Verify(string directory, byte[]? trustedKey, CancellationToken cancellationToken)
    {
        var document = JsonSerializer.Deserialize(
            await File.ReadAllTextAsync(Path.Combine(directory, CheckpointFile), cancellationToken).ConfigureAwait(false), AuditJsonContext.Default.CheckpointDocument)
            ?? throw new InvalidDataException($"{CheckpointFile} is JSON null.");
        var checkpoint = document.ToCheckpoint();
        var findings = new List<AuditFinding>();
        var last = new Dictionary<string, string>(StringComparer.Ordinal);
        long checkedEvents = 0;
        // Streamed: a bundle can hold far more events than are worth holding in memory at once.
        await foreach (var text in File.ReadLinesAsync(Path.Combine(directory, EventsFile), cancellationToken).ConfigureAwait(false))
        {
            var line = JsonSerializer.Deserialize(text, AuditJsonContext.Default.AuditEventLine) ?? throw new InvalidDataException("An events.jsonl line is JSON null.");
            checkedEvents++;
            if (Check(line, checkpoint, last) is { } reason)
            {
                findings.Add(new AuditFinding(line.Position, reason));
            }

            last[line.StreamId] = line.Hash;
        }

        return new AuditReport(checkedEvents, last.Count, checkpoint.TreeSize, checkpoint.SignatureVerifies(trustedKey), findings);
    }

    private static string? Check(AuditEventLine line, SignedCheckpoint checkpoint, Dictionary<string, string> last)
    {
        var e = line.ToStoredEvent();
        if (last.TryGetValue(line.StreamId, out var before) && before != line.PreviousHash)
        {
            return $"{line.StreamId} v{line.Version}: previous_hash is not the hash of the stream's previous event in the bundle";
        }

        if (!EventHashScheme.IsKnown(e.HashScheme) || EventHashChain.Compute(line.PreviousHash, e) != e.Hash)
        {
            return $"{line.StreamId} v{line.Version}: the hash does not match the stored bytes and previous_hash";
        }

        return line.InclusionProof is { } proof && MerkleProofVerifier.VerifyInclusion(AuditLeaf.Hash(e), line.Position - 1, checkpoint.TreeSize, proof, checkpoint.RootHash)
            ? null
            : $"{line.StreamId} v{line.Version}: the inclusion proof does not lead to the checkpoint's root";
    }

    private static async Task<string> PreviousHash(IEventLog log, StoredEvent e, CancellationToken cancellationToken)
    {
        if (e.Version == 1)
        {
            return EventHashChain.Genesis;
        }

        var before = await log.ReadStream(e.StreamId, e.Version - 1, cancellationToken).ConfigureAwait(false);
        return before is [var previous, ..] && previous.Version == e.Version - 1
            ? previous.Hash
            : throw new InvalidDataException($"{e.StreamId} has no version {e.Version - 1}; verify the log before exporting it.");
    }
}
