namespace Payments.Functions.Api.Contracts;

/// <summary>The body of /health/live and /health/ready.</summary>
public sealed record HealthReportResponse(string Status, IReadOnlyList<HealthCheckEntry> Checks);
