namespace Payments.Aws.Topology;

/// <summary>API Gateway HTTP API in front of the <c>api</c> function: routes, stage throttling, CORS, access log.</summary>
public sealed record HttpApiDefinition(
    string Name, IReadOnlyList<string> Routes, int ThrottlingBurstLimit, double ThrottlingRateLimit, IReadOnlyList<string> AllowedOrigins, string AccessLogFormat);
