namespace Payments.Functions.Api.Contracts;

/// <summary>One readiness check: its status, what it found, and its figures (a log consumer's lag, for instance).</summary>
public sealed record HealthCheckEntry(string Name, string Status, string? Description, IReadOnlyDictionary<string, string> Data);
