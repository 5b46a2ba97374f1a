using Payments.EventStore.Audit;

namespace Payments.Application.Audit;

/// <summary>Signs the tree's current head and keeps the checkpoint; on demand, and periodically when the tree grew.</summary>
public sealed class AuditCheckpointer(IAuditLogStore store, ICheckpointSigner signer, TimeProvider time, string origin = AuditCheckpointer.DefaultOrigin)
{
    public const string DefaultOrigin = "payments-ledger";

    public async Task<SignedCheckpoint> Sign(CancellationToken cancellationToken) =>
        await Sign(await store.Size(cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);

    /// <summary>Signs the tree at <paramref name="size"/> leaves (a size already read; the tree only grows, so it is still a prefix).</summary>
    private async Task<SignedCheckpoint> Sign(long size, CancellationToken cancellationToken)
    {
        var root = await MerkleProofs.Root(store, size, cancellationToken).ConfigureAwait(false);
        var issuedAt = time.GetUtcNow();
        var publicKey = await signer.PublicKey(cancellationToken).ConfigureAwait(false);
        var note = SignedCheckpoint.NoteOf(origin, size, root, issuedAt);
        var signature = await signer.Sign(System.Text.Encoding.UTF8.GetBytes(note), cancellationToken).ConfigureAwait(false);
        var checkpoint = new SignedCheckpoint(origin, size, root, issuedAt, publicKey, signature);
        await store.SaveCheckpoint(checkpoint, cancellationToken).ConfigureAwait(false);
        return checkpoint;
    }

    /// <summary>Signs when the tree is not empty, grew past the latest checkpoint (or none exists) and it is older than <paramref name="interval"/>; else returns null.</summary>
    public async Task<SignedCheckpoint?> SignIfDue(TimeSpan interval, CancellationToken cancellationToken)
    {
        var latest = await store.LatestCheckpoint(cancellationToken).ConfigureAwait(false);
        var size = await store.Size(cancellationToken).ConfigureAwait(false);
        if (size == 0 || (latest is not null && (latest.TreeSize >= size || time.GetUtcNow() - latest.IssuedAt < interval)))
        {
            return null;
        }

        return await Sign(size, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The latest checkpoint, signing the first one when none exists yet.</summary>
    public async Task<SignedCheckpoint> Latest(CancellationToken cancellationToken) =>
        await store.LatestCheckpoint(cancellationToken).ConfigureAwait(false) ?? await Sign(cancellationToken).ConfigureAwait(false);
}
