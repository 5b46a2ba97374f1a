namespace Payments.Aws.Topology;

/// <summary>
/// What differs between stacks: the name prefix of every resource, point-in-time recovery of the events and payments
/// tables, log retention, the origins CORS allows on the HTTP API (none by default), and the OTLP collector every
/// function exports spans and metrics to (none by default: nothing is traced).
/// </summary>
public sealed record CloudEnvironment(string Name, bool PointInTimeRecovery, int LogRetentionDays, IReadOnlyList<string> AllowedOrigins, string? OtlpEndpoint = null)
{
    public static CloudEnvironment Dev { get; } = new("dev", PointInTimeRecovery: false, LogRetentionDays: 14, AllowedOrigins: []);

    public static CloudEnvironment Prod { get; } = new("prod", PointInTimeRecovery: true, LogRetentionDays: 90, AllowedOrigins: []);

    public string Prefix => $"payments-{Name}-";
}
