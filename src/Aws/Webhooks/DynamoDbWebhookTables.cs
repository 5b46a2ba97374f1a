namespace Payments.Aws.Webhooks;

/// <summary>Names of the two webhook tables; a prefix isolates tests and names each stack's tables, as for the event store.</summary>
public sealed record DynamoDbWebhookTables(string Endpoints, string Deliveries)
{
    public static DynamoDbWebhookTables Default { get; } = WithPrefix("");

    public static DynamoDbWebhookTables WithPrefix(string prefix) =>
        new(prefix + "webhook_endpoints", prefix + "webhook_deliveries");
}
