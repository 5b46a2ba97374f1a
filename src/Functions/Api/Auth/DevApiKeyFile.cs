using System.Security.Cryptography;

namespace Payments.Functions.Api.Auth;

/// <summary>
/// With no keys configured, `serve` makes one development key on first start. Only its hash is
/// written (data dir, file `api-keys`, lines of <c>client_id:sha256hex[:roles]</c> as in PAYMENTS_API_KEY_HASHES); the
/// key itself is shown once and cannot be recovered.
/// </summary>
public static class DevApiKeyFile
{
    public const string FileName = "api-keys";
    public const string DevClientId = "dev";

    /// <summary>Loads the stored hashes, creating a key first when the file does not exist; <paramref name="createdKey"/> is the new key or null.</summary>
    public static ApiKeyRing LoadOrCreate(string dataDirectory, out string? createdKey)
    {
        var path = Path.Combine(dataDirectory, FileName);
        createdKey = null;
        if (!File.Exists(path))
        {
            Directory.CreateDirectory(dataDirectory);
            createdKey = "pk_dev_" + Base64Url(RandomNumberGenerator.GetBytes(24));
            File.WriteAllText(path, $"{DevClientId}:{Convert.ToHexStringLower(ApiKeyRing.Hash(createdKey))}\n");
        }

        return ApiKeyRing.FromHashes(File.ReadAllLines(path).Select(l => l.Trim()).Where(l => l.Contains(':', StringComparison.Ordinal)), path);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
