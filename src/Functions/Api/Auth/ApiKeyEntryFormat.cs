using Payments.Domain.Requests;

namespace Payments.Functions.Api.Auth;

/// <summary>
/// The text form of an API key entry: <c>client_id:api_key</c> (role client) or <c>client_id:api_key:role[+role…]</c>,
/// and for hashes <c>client_id:&lt;64 hex&gt;[:role[+role…]]</c>. A refusal names where the entry came from and its
/// place in the list, never the key.
/// </summary>
public static class ApiKeyEntryFormat
{
    public const string RolesRule = "one or more of client, auditor, finance, operator joined by '+'";

    private const string RolesPlaceholder = "role[+role…]";

    private static readonly IReadOnlyList<string> ClientOnly = [ApiPolicies.Client];

    /// <param name="entry">One entry of the list; <paramref name="number"/> is its place (from 1), named in a refusal.</param>
    /// <exception cref="FormatException">The entry is not of either form, or names no role or an unknown one.</exception>
    public static ApiKeyEntry ParseKey(string entry, string source, int number)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var parts = entry.Split(':');
        if (parts.Length < 2 || parts[0].Length == 0 || parts[1].Length == 0)
        {
            throw new FormatException($"{source}: entry {number} must look like client_id:api_key or client_id:api_key:{RolesPlaceholder}.");
        }

        // Before roles, a key could hold ':'; with a third part the split would be ambiguous, so such a key is refused
        // loudly rather than read as a shorter key with roles.
        if (parts.Length > 3)
        {
            throw new FormatException($"{source}: entry {number} (client {ClientIdFormat.Quote(parts[0])}) has more than two ':'; an API key cannot contain ':'.");
        }

        return new ApiKeyEntry(parts[0], ApiKeyRing.Hash(parts[1]), parts.Length == 3 ? ParseRoles(parts[2], source, number, parts[0]) : ClientOnly);
    }

    /// <exception cref="FormatException">The hash is not 64 hex digits, or the roles are empty or unknown.</exception>
    public static ApiKeyEntry ParseHash(string entry, string source, int number)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var parts = entry.Split(':');
        if (parts.Length is < 2 or > 3 || parts[0].Length == 0 || parts[1].Length != 64 || !parts[1].All(char.IsAsciiHexDigit))
        {
            throw new FormatException($"{source}: entry {number} must look like client_id:<64 hex digits of SHA-256>[:{RolesPlaceholder}].");
        }

        return new ApiKeyEntry(parts[0], Convert.FromHexString(parts[1]), parts.Length == 3 ? ParseRoles(parts[2], source, number, parts[0]) : ClientOnly);
    }

    /// <summary>Splits a comma-separated list into its trimmed, non-empty entries.</summary>
    public static string[] Split(string configured) =>
        (configured ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static IReadOnlyList<string> ParseRoles(string text, string source, int number, string clientId)
    {
        var roles = text.Split('+');
        var where = $"{source}: entry {number} (client {ClientIdFormat.Quote(clientId)})";
        if (roles.Any(r => r.Length == 0))
        {
            throw new FormatException($"{where} has an empty role; its roles must be {RolesRule}.");
        }

        var unknown = roles.FirstOrDefault(r => !ApiPolicies.Roles.Contains(r, StringComparer.Ordinal));
        if (unknown is not null)
        {
            throw new FormatException($"{where} names {Shown(unknown)}; roles must be {RolesRule}, and an API key cannot contain ':'.");
        }

        return roles.Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// What follows a second ':' may be the tail of an old key that held ':', so it is quoted only when it looks like a
    /// misspelt role name; a refusal must never print key material.
    /// </summary>
    private static string Shown(string unknown) =>
        unknown.Length <= 16 && unknown.All(char.IsAsciiLetterLower) ? $"the unknown role '{unknown}'" : "an unknown role (not shown)";
}
