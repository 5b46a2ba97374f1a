using System.Security.Cryptography;
using System.Text;
using Payments.Application.Webhooks.Endpoints;

namespace Payments.Embedded.Webhooks;

/// <summary>
/// Seals endpoint secrets with AES-256-GCM under a key kept in a file outside the data directory, so a copy of the
/// data directory (a backup, a support bundle) holds no usable secret. The endpoint id is the associated data.
/// Sealed form: <c>v1:</c> + base64(nonce ‖ ciphertext ‖ tag).
/// </summary>
public sealed class KeyFileSecretCipher : IWebhookSecretCipher
{
    private const string Prefix = "v1:";
    private const int KeyBytes = 32;
    private const int NonceBytes = 12;
    private const int TagBytes = 16;

    private readonly byte[] _key;

    private KeyFileSecretCipher(byte[] key) => _key = key;

    /// <summary>Where the key lives unless configured: the user's configuration folder (~/.config on Linux).</summary>
    public static string DefaultKeyPath() =>
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "payments", "webhook-secrets.key");

    /// <summary>
    /// Reads the key at <paramref name="keyFilePath"/>, creating it (owner read/write only) when missing. Synchronous
    /// on purpose: it runs once at startup. Refuses a key inside <paramref name="dataDirectory"/>, where it would
    /// travel with the secrets it protects.
    /// </summary>
    public static KeyFileSecretCipher OpenOrCreate(string keyFilePath, string dataDirectory)
    {
        var keyPath = Path.GetFullPath(keyFilePath);
        if (KeyFile.IsWithin(keyPath, Path.GetFullPath(dataDirectory)))
        {
            throw new ArgumentException(
                $"The webhook secret key file {keyPath} is inside the data directory {dataDirectory}; keep it elsewhere, so a copy of the data carries no key.",
                nameof(keyFilePath));
        }

        if (!File.Exists(keyPath))
        {
            KeyFile.CreateOnce(keyPath, WriteKey);
        }

        var key = File.ReadAllBytes(keyPath);
        if (key.Length != KeyBytes)
        {
            throw new InvalidDataException($"The webhook secret key file {keyPath} holds {key.Length} bytes; a key is {KeyBytes}.");
        }

        return new KeyFileSecretCipher(key);
    }

    public Task<string> Seal(string secret, string endpointId, CancellationToken cancellationToken)
    {
        var plaintext = Encoding.UTF8.GetBytes(secret);
        var sealedBytes = new byte[NonceBytes + plaintext.Length + TagBytes];
        var nonce = sealedBytes.AsSpan(0, NonceBytes);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, TagBytes);
        aes.Encrypt(nonce, plaintext, sealedBytes.AsSpan(NonceBytes, plaintext.Length), sealedBytes.AsSpan(NonceBytes + plaintext.Length), Encoding.UTF8.GetBytes(endpointId));
        CryptographicOperations.ZeroMemory(plaintext);
        return Task.FromResult(Prefix + Convert.ToBase64String(sealedBytes));
    }

    public Task<string> Open(string sealedSecret, string endpointId, CancellationToken cancellationToken)
    {
        var sealedBytes = Decode(sealedSecret);
        var ciphertextLength = sealedBytes.Length - NonceBytes - TagBytes;
        var plaintext = new byte[ciphertextLength];
        using var aes = new AesGcm(_key, TagBytes);
        aes.Decrypt(
            sealedBytes.AsSpan(0, NonceBytes),
            sealedBytes.AsSpan(NonceBytes, ciphertextLength),
            sealedBytes.AsSpan(NonceBytes + ciphertextLength),
            plaintext,
            Encoding.UTF8.GetBytes(endpointId));
        var secret = Encoding.UTF8.GetString(plaintext);
        CryptographicOperations.ZeroMemory(plaintext);
        return Task.FromResult(secret);
    }

    private static byte[] Decode(string sealedSecret)
    {
        if (!sealedSecret.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw new CryptographicException("Not a sealed webhook secret (v1).");
        }

        byte[] sealedBytes;
        try
        {
            sealedBytes = Convert.FromBase64String(sealedSecret[Prefix.Length..]);
        }
        catch (FormatException e)
        {
            throw new CryptographicException("Not a sealed webhook secret (v1).", e);
        }

        return sealedBytes.Length >= NonceBytes + TagBytes
            ? sealedBytes
            : throw new CryptographicException("Sealed webhook secret too short.");
    }

    /// <summary>Writes a fresh key beside its final place, then moves it in without overwriting: a reader never sees half a key, and a racing creator's key wins intact.</summary>
    private static void WriteKey(FileStream file)
    {
        var key = RandomNumberGenerator.GetBytes(KeyBytes);
        file.Write(key);
        CryptographicOperations.ZeroMemory(key);
    }
}
