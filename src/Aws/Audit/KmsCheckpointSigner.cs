using System.Security.Cryptography;
using Amazon.KeyManagementService;
using Amazon.KeyManagementService.Model;
using Payments.Application.Audit;

namespace Payments.Aws.Audit;

/// <summary>
/// Signs checkpoints with an asymmetric KMS key (ECC_NIST_P256, SIGN_VERIFY): the private key never leaves KMS, so
/// whoever can write the audit table still cannot sign a checkpoint for a log they rewrote. The public key is read
/// once, and checked to be a P-256 signing key, since every checkpoint carries it.
/// </summary>
public sealed class KmsCheckpointSigner(IAmazonKeyManagementService kms, string keyId) : ICheckpointSigner
{
    private const string NistP256Oid = "1.2.840.10045.3.1.7";

    private byte[]? _publicKey;

    /// <exception cref="CryptographicException">The key is not an ECDSA P-256 signing key.</exception>
    public async Task<byte[]> PublicKey(CancellationToken cancellationToken)
    {
        if (_publicKey is { } known)
        {
            return known;
        }

        var response = await kms.GetPublicKeyAsync(new GetPublicKeyRequest { KeyId = keyId }, cancellationToken).ConfigureAwait(false);
        var publicKey = response.PublicKey.ToArray();
        if (response.KeyUsage != KeyUsageType.SIGN_VERIFY
            || response.SigningAlgorithms?.Contains(SigningAlgorithmSpec.ECDSA_SHA_256) != true
            || !IsNistP256(publicKey))
        {
            throw new CryptographicException($"KMS key {keyId} is not an ECC_NIST_P256 SIGN_VERIFY key; audit checkpoints are signed with ECDSA P-256.");
        }

        _publicKey = publicKey;
        return publicKey;
    }

    /// <remarks>RAW: KMS hashes the message itself (a checkpoint note is far below its 4 KB limit) and returns a DER signature.</remarks>
    public async Task<byte[]> Sign(byte[] message, CancellationToken cancellationToken)
    {
        using var body = new MemoryStream(message);
        var response = await kms.SignAsync(
            new SignRequest { KeyId = keyId, Message = body, MessageType = MessageType.RAW, SigningAlgorithm = SigningAlgorithmSpec.ECDSA_SHA_256 },
            cancellationToken).ConfigureAwait(false);
        return response.Signature.ToArray();
    }

    private static bool IsNistP256(byte[] subjectPublicKeyInfo)
    {
        try
        {
            using var key = ECDsa.Create();
            key.ImportSubjectPublicKeyInfo(subjectPublicKeyInfo, out _);
            return key.ExportParameters(false).Curve.Oid.Value == NistP256Oid;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
