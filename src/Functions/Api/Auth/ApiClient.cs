namespace Payments.Functions.Api.Auth;

/// <summary>
/// The authenticated caller: payments and idempotency keys are scoped to <paramref name="ClientId"/>; what it may read
/// beyond its own payments follows from <paramref name="Roles"/> (names from <see cref="ApiPolicies"/>).
/// </summary>
public sealed record ApiClient(string ClientId, IReadOnlyList<string> Roles);
