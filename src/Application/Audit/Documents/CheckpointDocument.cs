using Payments.EventStore.Audit;

namespace Payments.Application.Audit.Documents;

/// <summary>
/// A signed checkpoint as served and as an auditor saves it: everything needed to check the signature (the note is
/// what was signed) and, later, that the log still extends it. Hashes and keys are base64.
/// </summary>
public sealed record CheckpointDocument(
    string Origin,
    long TreeSize,
    byte[] RootHash,
    DateTimeOffset IssuedAt,
    string KeyId,
    byte[] PublicKey,
    byte[] Signature,
    string Note)
{
    public static CheckpointDocument From(SignedCheckpoint checkpoint)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return new(checkpoint.Origin, checkpoint.TreeSize, checkpoint.RootHash, checkpoint.IssuedAt, checkpoint.KeyId, checkpoint.PublicKey, checkpoint.Signature, checkpoint.Note);
    }

    /// <summary>The checkpoint the document describes; its note is recomputed from the fields, never trusted as given.</summary>
    public SignedCheckpoint ToCheckpoint() => new(Origin, TreeSize, RootHash, IssuedAt, PublicKey, Signature);
}
