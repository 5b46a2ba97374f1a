namespace Payments.Aws.Topology;

/// <summary>
/// API Gateway HTTP API in front of the <c>api</c> function: routes, stage throttling, CORS, access log. The stage's
/// throttling is the cloud's rate limit: one ceiling for the whole stage, since HTTP APIs have no per-client usage plans.
/// </summary>
public sealed record HttpApiDefinition(
    string Name, IReadOnlyList<string> Routes, int ThrottlingBurstLimit, double ThrottlingRateLimit, CorsDefinition Cors, string AccessLogFormat);
