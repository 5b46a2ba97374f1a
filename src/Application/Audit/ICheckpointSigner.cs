namespace Payments.Application.Audit;

/// <summary>
/// The key that signs checkpoints: a key file outside the data directory embedded, a KMS key in the cloud, so whoever
/// can write the log's storage still cannot sign a checkpoint for a rewritten log.
/// </summary>
public interface ICheckpointSigner
{
    /// <summary>The verifying key as DER SubjectPublicKeyInfo (ECDSA P-256).</summary>
    Task<byte[]> PublicKey(CancellationToken cancellationToken);

    /// <summary>ECDSA P-256 over SHA-256 of <paramref name="message"/>, DER-encoded.</summary>
    Task<byte[]> Sign(byte[] message, CancellationToken cancellationToken);
}
