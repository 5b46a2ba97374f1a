using System.Security.Cryptography;
using Payments.Application.Audit;

namespace Payments.Embedded.Audit;

/// <summary>
/// Signs checkpoints with an ECDSA P-256 key in a PEM file outside the data directory (created owner-only on first
/// use), so someone who can rewrite the data directory still cannot sign a checkpoint for what they wrote.
/// </summary>
public sealed class KeyFileCheckpointSigner : ICheckpointSigner, IDisposable
{
    private readonly ECDsa _key;
    private readonly byte[] _publicKey;

    private KeyFileCheckpointSigner(ECDsa key)
    {
        _key = key;
        _publicKey = key.ExportSubjectPublicKeyInfo();
    }

    public static string DefaultKeyPath() =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "payments", "audit-signing-key.pem");

    /// <summary>Synchronous on purpose: it runs once at startup. Refuses a key inside <paramref name="dataDirectory"/>.</summary>
    public static KeyFileCheckpointSigner OpenOrCreate(string keyFilePath, string dataDirectory)
    {
        var keyPath = Path.GetFullPath(keyFilePath);
        if (KeyFile.IsWithin(keyPath, Path.GetFullPath(dataDirectory)))
        {
            throw new ArgumentException(
                $"The audit signing key file {keyPath} is inside the data directory {dataDirectory}; keep it elsewhere, or whoever can rewrite the log can sign for it.",
                nameof(keyFilePath));
        }

        if (!File.Exists(keyPath))
        {
            KeyFile.CreateOnce(keyPath, WriteKey);
        }

        var key = ECDsa.Create();
        try
        {
            key.ImportFromPem(File.ReadAllText(keyPath));
            if (key.KeySize != 256)
            {
                throw new InvalidDataException($"The audit signing key {keyPath} is a {key.KeySize}-bit key; checkpoints are signed with ECDSA P-256.");
            }
        }
        catch
        {
            key.Dispose();
            throw;
        }

        return new KeyFileCheckpointSigner(key);
    }

    public Task<byte[]> PublicKey(CancellationToken cancellationToken) => Task.FromResult(_publicKey);

    public Task<byte[]> Sign(byte[] message, CancellationToken cancellationToken) =>
        Task.FromResult(_key.SignData(message, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));

    public void Dispose() => _key.Dispose();

    private static void WriteKey(FileStream file)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        file.Write(System.Text.Encoding.ASCII.GetBytes(key.ExportPkcs8PrivateKeyPem()));
    }
}
