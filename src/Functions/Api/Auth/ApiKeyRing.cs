using System.Security.Cryptography;
using System.Text;
using Payments.Domain.Requests;

namespace Payments.Functions.Api.Auth;

/// <summary>
/// Known API keys, held only as SHA-256 hashes. A presented key is hashed and compared against
/// every entry in constant time, so timing reveals neither which key nor how much of it matched.
/// </summary>
public sealed class ApiKeyRing
{
    private readonly IReadOnlyList<(string ClientId, byte[] Hash)> _entries;

    /// <param name="source">Where the entries came from, named in the error a bad client id raises.</param>
    /// <exception cref="FormatException">A client id is not of <see cref="ClientIdFormat"/>.</exception>
    public ApiKeyRing(IEnumerable<(string ClientId, byte[] Hash)> entries, string source = "API key configuration")
    {
        _entries = entries.ToList();
        if (_entries.Count == 0)
        {
            throw new ArgumentException("At least one API key is required.", nameof(entries));
        }

        // Every way keys are loaded (PAYMENTS_API_KEYS, the hashes in SSM or the environment, the dev key file) ends
        // here, so a client id that could make an idempotency scope ambiguous stops the host before it serves anyone.
        foreach (var (clientId, _) in _entries)
        {
            if (!ClientIdFormat.IsValid(clientId))
            {
                throw new FormatException($"{source} names the client id {ClientIdFormat.Quote(clientId)}; a client id must be {ClientIdFormat.Rule}.");
            }
        }
    }

    public IEnumerable<string> ClientIds => _entries.Select(e => e.ClientId).Distinct();

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>Parses `client_a:key_a,client_b:key_b` as configured in PAYMENTS_API_KEYS.</summary>
    public static ApiKeyRing FromConfiguration(string configured)
    {
        var entries = new List<(string, byte[])>();
        foreach (var pair in configured.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0 || colon == pair.Length - 1)
            {
                throw new FormatException("PAYMENTS_API_KEYS entries must look like client_id:api_key");
            }

            entries.Add((pair[..colon], Hash(pair[(colon + 1)..])));
        }

        return new ApiKeyRing(entries, "PAYMENTS_API_KEYS");
    }

    /// <summary>
    /// Parses `client_a:sha256hex,client_b:sha256hex`: the hashes only, as the cloud functions receive them, so no key
    /// ever sits in a function's configuration.
    /// </summary>
    public static ApiKeyRing FromHashes(string configured)
    {
        var entries = new List<(string, byte[])>();
        foreach (var pair in configured.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = pair.IndexOf(':', StringComparison.Ordinal);
            var hash = colon > 0 ? pair[(colon + 1)..] : "";
            if (hash.Length != 64 || !hash.All(Uri.IsHexDigit))
            {
                throw new FormatException("PAYMENTS_API_KEY_HASHES entries must look like client_id:<64 hex digits of SHA-256>");
            }

            entries.Add((pair[..colon], Convert.FromHexString(hash)));
        }

        return new ApiKeyRing(entries, "The API key hashes (PAYMENTS_API_KEY_HASHES or its SSM parameter)");
    }

    public ApiClient? Authenticate(string presentedKey)
    {
        var presented = Hash(presentedKey);
        string? match = null;
        foreach (var (clientId, hash) in _entries)
        {
            if (CryptographicOperations.FixedTimeEquals(presented, hash))
            {
                match = clientId;
            }
        }

        return match is null ? null : new ApiClient(match);
    }
}
