namespace Payments.Aws.Topology;

/// <summary>
/// The HTTP API's CORS configuration: API Gateway answers preflights and adds the headers itself, so the api function
/// has no CORS of its own. No origin, no CORS. The headers and methods are those <c>serve</c> allows (a test holds
/// them equal).
/// </summary>
public sealed record CorsDefinition(
    IReadOnlyList<string> AllowOrigins, IReadOnlyList<string> AllowHeaders, IReadOnlyList<string> ExposeHeaders, IReadOnlyList<string> AllowMethods, int MaxAgeSeconds)
{
    public bool Enabled => AllowOrigins.Count > 0;

    public static CorsDefinition For(IReadOnlyList<string> origins) => new(
        origins,
        ["Authorization", "Content-Type", "Idempotency-Key", "X-Correlation-Id"],
        ["Location", "Retry-After", "Idempotent-Replayed"],
        ["GET", "POST", "PATCH", "DELETE"],
        MaxAgeSeconds: 600);
}
