using Payments.EventStore.Audit;
using Payments.EventStore.Contract;
using Payments.EventStore.Integrity;

namespace Payments.Application.Audit;

/// <summary>
/// Walks the whole ordered log once, in position order, and checks: positions contiguous from 1; every stream's versions,
/// schemes and hash chain; the Merkle tree recomputed from the events against a signed checkpoint (truncation, deletion,
/// reordering and re-chaining change its root) and against the stored tree, whose leaves name the first position
/// that differs. Memory is one chain state per stream plus the tree's right edge.
/// </summary>
public sealed class LogAudit(IEventLog log, IAuditLogStore? tree)
{
    public const int PageSize = 5_000;
    private const int MaxFindings = 50;

    /// <param name="checkpoint">The checkpoint to hold the log against: one the auditor saved, or the latest stored.</param>
    /// <param name="trustedKey">The signing key the auditor pinned (SubjectPublicKeyInfo); null trusts the checkpoint's own.</param>
    /// <param name="progress">Called after each page with the events checked so far.</param>
    public async Task<AuditReport> Verify(SignedCheckpoint? checkpoint, byte[]? trustedKey, Action<long>? progress, CancellationToken cancellationToken)
    {
        var findings = new List<AuditFinding>();
        var chains = new Dictionary<StreamId, StreamChainCheck>();
        var frontier = MerkleFrontier.Empty();
        var treeSize = tree is null ? 0 : await tree.Size(cancellationToken).ConfigureAwait(false);
        var storedTreeTrusted = await StoredTreeMatches(checkpoint, treeSize, findings, cancellationToken).ConfigureAwait(false);
        byte[]? rootAtCheckpoint = checkpoint?.TreeSize == 0 ? MerkleHash.Empty : null;
        long expected = 1;
        while (true)
        {
            var page = await log.ReadAll(expected - 1, PageSize, cancellationToken).ConfigureAwait(false);
            if (page.Count == 0)
            {
                break;
            }

            var stored = tree is null || !storedTreeTrusted ? [] : await tree.Leaves(expected - 1, page.Count, cancellationToken).ConfigureAwait(false);
            var storedFrom = expected - 1;
            foreach (var e in page)
            {
                if (e.Position != expected)
                {
                    Add(findings, expected, $"positions {expected}–{e.Position - 1} are missing from the log");
                    expected = e.Position;
                }

                CheckChain(chains, e, findings);
                var leaf = AuditLeaf.Hash(e);
                frontier.Append(leaf);
                var storedIndex = e.Position - 1 - storedFrom;
                if (storedIndex >= 0 && storedIndex < stored.Count && !stored[(int)storedIndex].AsSpan().SequenceEqual(leaf))
                {
                    Add(findings, e.Position, "differs from the event the audit tree logged at this position");
                }

                if (checkpoint is not null && frontier.Size == checkpoint.TreeSize)
                {
                    rootAtCheckpoint = frontier.Root();
                }

                expected++;
            }

            progress?.Invoke(frontier.Size);
        }

        CompareWithCheckpoint(checkpoint, frontier.Size, rootAtCheckpoint, findings);
        var signatureValid = checkpoint?.SignatureVerifies(trustedKey);
        return new AuditReport(frontier.Size, chains.Count, checkpoint?.TreeSize, signatureValid, [.. findings.OrderBy(f => f.Position)]);
    }

    /// <summary>
    /// One payment: its chain, and each event's inclusion in the checkpoint's tree, proven from the stored tree and
    /// checked as a client would (events after the checkpoint are checked by their chain only).
    /// </summary>
    public async Task<AuditReport> VerifyStream(StreamId stream, SignedCheckpoint checkpoint, byte[]? trustedKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var events = await log.ReadStream(stream, 1, cancellationToken).ConfigureAwait(false);
        var findings = new List<AuditFinding>();
        var chain = new StreamChainCheck();
        foreach (var e in events)
        {
            if (chain.Next(e) is { } reason)
            {
                Add(findings, e.Position, $"{stream} v{e.Version}: {reason}");
            }

            if (tree is not null && e.Position >= 1 && e.Position <= checkpoint.TreeSize)
            {
                var proof = await MerkleProofs.Inclusion(tree, e.Position - 1, checkpoint.TreeSize, cancellationToken).ConfigureAwait(false);
                if (!MerkleProofVerifier.VerifyInclusion(AuditLeaf.Hash(e), e.Position - 1, checkpoint.TreeSize, proof, checkpoint.RootHash))
                {
                    Add(findings, e.Position, $"{stream} v{e.Version}: not included in the checkpoint's tree as stored");
                }
            }
        }

        return new AuditReport(events.Count, events.Count > 0 ? 1 : 0, checkpoint.TreeSize, checkpoint.SignatureVerifies(trustedKey), findings);
    }

    /// <summary>Stored leaves name the first bad position only if the stored tree itself still has the signed root.</summary>
    private async Task<bool> StoredTreeMatches(SignedCheckpoint? checkpoint, long treeSize, List<AuditFinding> findings, CancellationToken cancellationToken)
    {
        if (tree is null || checkpoint is null || checkpoint.TreeSize == 0)
        {
            return tree is not null;
        }

        if (treeSize < checkpoint.TreeSize)
        {
            Add(findings, treeSize + 1, $"the stored audit tree has {treeSize} leaves, fewer than the checkpoint's {checkpoint.TreeSize}");
            return false;
        }

        var root = await MerkleProofs.Root(tree, checkpoint.TreeSize, cancellationToken).ConfigureAwait(false);
        if (root.AsSpan().SequenceEqual(checkpoint.RootHash))
        {
            return true;
        }

        Add(findings, 1, $"the stored audit tree's root at size {checkpoint.TreeSize} is not the checkpoint's: the tree file was rewritten too");
        return false;
    }

    private static void CheckChain(Dictionary<StreamId, StreamChainCheck> chains, StoredEvent e, List<AuditFinding> findings)
    {
        if (!chains.TryGetValue(e.StreamId, out var chain))
        {
            chain = new StreamChainCheck();
            chains[e.StreamId] = chain;
        }

        if (chain.Next(e) is { } reason)
        {
            Add(findings, e.Position, $"{e.StreamId} v{e.Version}: {reason}");
        }
    }

    private static void CompareWithCheckpoint(SignedCheckpoint? checkpoint, long logSize, byte[]? rootAtCheckpoint, List<AuditFinding> findings)
    {
        if (checkpoint is null)
        {
            return;
        }

        if (logSize < checkpoint.TreeSize)
        {
            Add(findings, logSize + 1, $"the log ends at position {logSize}, but the checkpoint covers {checkpoint.TreeSize} events: it was truncated");
        }
        else if (rootAtCheckpoint is not null && !rootAtCheckpoint.AsSpan().SequenceEqual(checkpoint.RootHash))
        {
            Add(findings, checkpoint.TreeSize, $"the first {checkpoint.TreeSize} events do not have the checkpoint's root hash: the log was rewritten since it was signed");
        }
    }

    private static void Add(List<AuditFinding> findings, long position, string reason)
    {
        if (findings.Count < MaxFindings)
        {
            findings.Add(new AuditFinding(position, reason));
        }
    }
}
