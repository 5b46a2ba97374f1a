namespace Payments.Functions.Api.Gateway;

/// <summary>
/// What an allowed origin's browser code may send and read: the headers the API takes (the key, JSON bodies,
/// idempotency and correlation) and the ones a client acts on (where the payment is, when to retry, whether it was a
/// replay). API Gateway's CORS configuration in the cloud topology names the same lists.
/// </summary>
public static class CrossOriginPolicy
{
    public static IReadOnlyList<string> AllowedHeaders { get; } = ["Authorization", "Content-Type", "Idempotency-Key", "X-Correlation-Id"];

    public static IReadOnlyList<string> ExposedHeaders { get; } = ["Location", "Retry-After", "Idempotent-Replayed"];

    public static IReadOnlyList<string> AllowedMethods { get; } = ["GET", "POST", "PATCH", "DELETE"];

    /// <summary>How long a browser may reuse a preflight answer before asking again.</summary>
    public static TimeSpan PreflightMaxAge { get; } = TimeSpan.FromMinutes(10);
}
