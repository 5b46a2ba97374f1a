namespace Payments.Aws.Topology;

/// <summary>
/// What differs between stacks: the name prefix of every resource, point-in-time recovery of the events and payments
/// tables, log retention, and the origins CORS allows on the HTTP API (none by default).
/// </summary>
public sealed record CloudEnvironment(string Name, bool PointInTimeRecovery, int LogRetentionDays, IReadOnlyList<string> AllowedOrigins)
{
    public static CloudEnvironment Dev { get; } = new("dev", PointInTimeRecovery: false, LogRetentionDays: 14, AllowedOrigins: []);

    public static CloudEnvironment Prod { get; } = new("prod", PointInTimeRecovery: true, LogRetentionDays: 90, AllowedOrigins: []);

    public string Prefix => $"payments-{Name}-";
}
