namespace Payments.Functions.Api.Auth;

/// <summary>The authenticated caller; payments and idempotency keys are scoped to it.</summary>
public sealed record ApiClient(string ClientId);
