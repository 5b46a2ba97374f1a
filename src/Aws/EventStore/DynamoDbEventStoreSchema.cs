using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using A = Payments.Aws.EventStore.DynamoDbEventAttributes;

namespace Payments.Aws.EventStore;

/// <summary>
/// The event store's table definitions, in code so tests create exactly what the cloud program
/// provisions: events keyed by (payment_id, version) with Streams (NEW_IMAGE); idempotency keys keyed
/// by unique_key. No table holds a global position: nothing every append touches.
/// </summary>
public static class DynamoDbEventStoreSchema
{
    public static CreateTableRequest EventsTable(string name) => new()
    {
        TableName = name,
        BillingMode = BillingMode.PAY_PER_REQUEST,
        AttributeDefinitions =
        [
            new AttributeDefinition(A.PaymentId, ScalarAttributeType.S),
            new AttributeDefinition(A.Version, ScalarAttributeType.N),
        ],
        KeySchema = [new KeySchemaElement(A.PaymentId, KeyType.HASH), new KeySchemaElement(A.Version, KeyType.RANGE)],
        StreamSpecification = new StreamSpecification { StreamEnabled = true, StreamViewType = StreamViewType.NEW_IMAGE },
    };

    public static CreateTableRequest UniqueKeysTable(string name) => new()
    {
        TableName = name,
        BillingMode = BillingMode.PAY_PER_REQUEST,
        AttributeDefinitions = [new AttributeDefinition(A.UniqueKey, ScalarAttributeType.S)],
        KeySchema = [new KeySchemaElement(A.UniqueKey, KeyType.HASH)],
    };

    public static IReadOnlyList<CreateTableRequest> All(DynamoDbEventStoreTables tables) =>
        [EventsTable(tables.Events), UniqueKeysTable(tables.UniqueKeys)];

    /// <summary>Creates the tables that do not exist yet and waits until they are ACTIVE.</summary>
    public static async Task EnsureCreated(IAmazonDynamoDB client, DynamoDbEventStoreTables tables, CancellationToken cancellationToken)
    {
        foreach (var request in All(tables))
        {
            await DynamoDbTables.EnsureCreated(client, request, cancellationToken).ConfigureAwait(false);
        }
    }
}
