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
    private const string HashesSource = "The API key hashes (PAYMENTS_API_KEY_HASHES or its SSM parameter)";

    private readonly IReadOnlyList<ApiKeyEntry> _entries;

    /// <param name="source">Where the entries came from, named in the error a bad client id raises.</param>
    /// <exception cref="FormatException">A client id is not of <see cref="ClientIdFormat"/>.</exception>
    public ApiKeyRing(IEnumerable<ApiKeyEntry> entries, string source = "API key configuration")
    {
        _entries = entries.ToList();
        if (_entries.Count == 0)
        {
            throw new ArgumentException("At least one API key is required.", nameof(entries));
        }

        // Every way keys are loaded (PAYMENTS_API_KEYS, the hashes in SSM or the environment, the dev key file) ends
        // here, so a client id that could make an idempotency scope ambiguous stops the host before it serves anyone.
        foreach (var entry in _entries)
        {
            if (!ClientIdFormat.IsValid(entry.ClientId))
            {
                throw new FormatException($"{source} names the client id {ClientIdFormat.Quote(entry.ClientId)}; a client id must be {ClientIdFormat.Rule}.");
            }
        }
    }

    public IEnumerable<string> ClientIds => _entries.Select(e => e.ClientId).Distinct();

    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));

    /// <summary>Parses `client_a:key_a,books:key_b:finance+auditor` as configured in PAYMENTS_API_KEYS (<see cref="ApiKeyEntryFormat"/>).</summary>
    /// <exception cref="FormatException">An entry, client id or role is malformed; the message names PAYMENTS_API_KEYS.</exception>
    public static ApiKeyRing FromConfiguration(string configured)
    {
        const string Source = "PAYMENTS_API_KEYS";
        return new ApiKeyRing(ApiKeyEntryFormat.Split(configured).Select((entry, i) => ApiKeyEntryFormat.ParseKey(entry, Source, i + 1)).ToList(), Source);
    }

    /// <summary>
    /// Parses `client_a:sha256hex,client_b:sha256hex:auditor`: the hashes only, as the cloud functions receive them, so
    /// no key ever sits in a function's configuration.
    /// </summary>
    /// <exception cref="FormatException">An entry, client id or role is malformed.</exception>
    public static ApiKeyRing FromHashes(string configured) => FromHashes(ApiKeyEntryFormat.Split(configured), HashesSource);

    /// <summary>Hash entries from <paramref name="source"/> (a setting, a file), one per item.</summary>
    /// <exception cref="FormatException">An entry, client id or role is malformed; the message names <paramref name="source"/>.</exception>
    public static ApiKeyRing FromHashes(IEnumerable<string> entries, string source) =>
        new(entries.Select((entry, i) => ApiKeyEntryFormat.ParseHash(entry, source, i + 1)).ToList(), source);

    public ApiClient? Authenticate(string presentedKey) => AuthenticateHash(Hash(presentedKey));

    /// <summary>The key whose SHA-256 is <paramref name="presented"/> (a console session re-checks its key this way).</summary>
    public ApiClient? AuthenticateHash(byte[] presented)
    {
        ArgumentNullException.ThrowIfNull(presented);
        ApiKeyEntry? match = null;
        foreach (var entry in _entries)
        {
            if (CryptographicOperations.FixedTimeEquals(presented, entry.Hash))
            {
                match = entry;
            }
        }

        return match is null ? null : new ApiClient(match.ClientId, match.Roles);
    }
}
