namespace Payments.Aws.EventStore;

/// <summary>
/// Names of the tables the DynamoDB event store uses. Configurable so tests isolate themselves by
/// prefix and the cloud program (Pulumi) takes the same names from code.
/// </summary>
public sealed record DynamoDbEventStoreTables(string Events, string UniqueKeys)
{
    public static DynamoDbEventStoreTables Default { get; } = WithPrefix("");

    public static DynamoDbEventStoreTables WithPrefix(string prefix) =>
        new(prefix + "payment_events", prefix + "payment_idempotency_keys");
}
