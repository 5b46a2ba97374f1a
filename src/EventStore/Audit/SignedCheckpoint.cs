using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Payments.EventStore.Audit;

/// <summary>
/// A signed tree head: the log had <paramref name="TreeSize"/> events with root <paramref name="RootHash"/> at
/// <paramref name="IssuedAt"/>. The signature (ECDSA P-256, SHA-256, DER) covers <see cref="Note"/>, a fixed text form in
/// the spirit of C2SP's checkpoint notes. An auditor who keeps one can later prove the log only ever grew from it.
/// </summary>
public sealed record SignedCheckpoint(string Origin, long TreeSize, byte[] RootHash, DateTimeOffset IssuedAt, byte[] PublicKey, byte[] Signature)
{
    /// <summary>Names the signing key: the first 8 bytes of SHA-256 over its SubjectPublicKeyInfo, hex.</summary>
    public string KeyId => KeyIdOf(PublicKey);

    public string Note => NoteOf(Origin, TreeSize, RootHash, IssuedAt);

    public static string KeyIdOf(byte[] publicKey) => Convert.ToHexStringLower(SHA256.HashData(publicKey).AsSpan(0, 8));

    public static string NoteOf(string origin, long treeSize, byte[] rootHash, DateTimeOffset issuedAt) =>
        string.Create(CultureInfo.InvariantCulture, $"{origin}\n{treeSize}\n{Convert.ToBase64String(rootHash)}\n{issuedAt.UtcDateTime:yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'}\n");

    /// <summary>
    /// True when the signature over the note verifies under <paramref name="trustedKey"/> (a SubjectPublicKeyInfo the
    /// auditor pinned) or, without one, under the key the checkpoint carries.
    /// </summary>
    public bool SignatureVerifies(byte[]? trustedKey = null)
    {
        var key = trustedKey ?? PublicKey;
        try
        {
            using var ecdsa = ECDsa.Create();
            ecdsa.ImportSubjectPublicKeyInfo(key, out _);
            return ecdsa.VerifyData(Encoding.UTF8.GetBytes(Note), Signature, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
