using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Payments.Aws.EventStore;

namespace Payments.Aws.Audit;

/// <summary>
/// The cloud audit log's one table, in code so tests create exactly what the cloud program provisions: a generic
/// (<see cref="PartitionKey"/> string, <see cref="SortKey"/> number) key over four kinds of item (see
/// <see cref="DynamoDbAuditLog"/>). Every partition but the head's and the checkpoints' is a bucket of bounded size.
/// </summary>
public static class DynamoDbAuditLogSchema
{
    public const string DefaultTableName = "audit_log";
    public const string PartitionKey = "pk";
    public const string SortKey = "sk";

    public static CreateTableRequest Table(string name) => new()
    {
        TableName = name,
        BillingMode = BillingMode.PAY_PER_REQUEST,
        AttributeDefinitions = [new AttributeDefinition(PartitionKey, ScalarAttributeType.S), new AttributeDefinition(SortKey, ScalarAttributeType.N)],
        KeySchema = [new KeySchemaElement(PartitionKey, KeyType.HASH), new KeySchemaElement(SortKey, KeyType.RANGE)],
        SSESpecification = new SSESpecification { Enabled = true },
    };

    /// <summary>Creates the table unless it exists and waits until it is ACTIVE.</summary>
    public static Task EnsureCreated(IAmazonDynamoDB client, string name, CancellationToken cancellationToken) =>
        DynamoDbTables.EnsureCreated(client, Table(name), cancellationToken);
}
