using System.Security.Cryptography;

namespace Payments.Functions.Api.Auth;

/// <summary>
/// With no keys configured, `serve` makes one development key on first start. Only its hash is
/// written (data dir, file `api-keys`); the key itself is shown once and cannot be recovered.
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

        return new ApiKeyRing(File.ReadAllLines(path).Where(l => l.Contains(':', StringComparison.Ordinal)).Select(Parse), path);
    }

    private static (string, byte[]) Parse(string line)
    {
        var colon = line.IndexOf(':', StringComparison.Ordinal);
        return (line[..colon], Convert.FromHexString(line[(colon + 1)..].Trim()));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
