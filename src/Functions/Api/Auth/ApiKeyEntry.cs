namespace Payments.Functions.Api.Auth;

/// <summary>One configured API key: whose it is, the SHA-256 of the key, and the roles it carries.</summary>
public sealed record ApiKeyEntry(string ClientId, byte[] Hash, IReadOnlyList<string> Roles);
