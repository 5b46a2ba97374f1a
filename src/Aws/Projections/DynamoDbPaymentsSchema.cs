using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Payments.Aws.Projections;

/// <summary>
/// The cloud `payments` table: payment_id key, GSI by_idempotency_key (the spec's), GSI by_client
/// (client_id, payment_id) for a client's newest-first listing, GSI open_by_idle for the sweeper, GSI requested_by_day
/// (created_day, created_at) for reconciliation; rows written before it existed join it when rebuilt. PITR is not a CreateTable option;
/// the cloud program turns it on (<see cref="PointInTimeRecovery"/>) and SSE is requested here.
/// </summary>
public static class DynamoDbPaymentsSchema
{
    public const string DefaultTableName = "payments";
    public const string ByIdempotencyKeyIndex = "by_idempotency_key";
    public const string ByClientIndex = "by_client";

    /// <summary>Open payments by last change, for the sweeper; sparse, so it stays as small as the set of open payments.</summary>
    public const string OpenByIdleIndex = "open_by_idle";

    /// <summary>Payments by the UTC day and time they were requested, keys only: reconciliation folds each from the ledger.</summary>
    public const string RequestedByDayIndex = "requested_by_day";
    public const bool PointInTimeRecovery = true;

    public static CreateTableRequest PaymentsTable(string name) => new()
    {
        TableName = name,
        BillingMode = BillingMode.PAY_PER_REQUEST,
        AttributeDefinitions =
        [
            new AttributeDefinition(DynamoDbPaymentItem.PaymentId, ScalarAttributeType.S),
            new AttributeDefinition(DynamoDbPaymentItem.IdempotencyKey, ScalarAttributeType.S),
            new AttributeDefinition(DynamoDbPaymentItem.ClientId, ScalarAttributeType.S),
            new AttributeDefinition(DynamoDbPaymentItem.OpenShard, ScalarAttributeType.S),
            new AttributeDefinition(DynamoDbPaymentItem.UpdatedAt, ScalarAttributeType.S),
            new AttributeDefinition(DynamoDbPaymentItem.CreatedDay, ScalarAttributeType.S),
            new AttributeDefinition(DynamoDbPaymentItem.CreatedAt, ScalarAttributeType.S),
        ],
        KeySchema = [new KeySchemaElement(DynamoDbPaymentItem.PaymentId, KeyType.HASH)],
        GlobalSecondaryIndexes =
        [
            new GlobalSecondaryIndex
            {
                IndexName = ByIdempotencyKeyIndex,
                KeySchema = [new KeySchemaElement(DynamoDbPaymentItem.IdempotencyKey, KeyType.HASH)],
                Projection = new Projection { ProjectionType = ProjectionType.KEYS_ONLY },
            },
            new GlobalSecondaryIndex
            {
                IndexName = ByClientIndex,
                KeySchema = [new KeySchemaElement(DynamoDbPaymentItem.ClientId, KeyType.HASH), new KeySchemaElement(DynamoDbPaymentItem.PaymentId, KeyType.RANGE)],
                Projection = new Projection { ProjectionType = ProjectionType.ALL },
            },
            new GlobalSecondaryIndex
            {
                IndexName = OpenByIdleIndex,
                KeySchema = [new KeySchemaElement(DynamoDbPaymentItem.OpenShard, KeyType.HASH), new KeySchemaElement(DynamoDbPaymentItem.UpdatedAt, KeyType.RANGE)],
                Projection = new Projection { ProjectionType = ProjectionType.KEYS_ONLY },
            },
            new GlobalSecondaryIndex
            {
                IndexName = RequestedByDayIndex,
                KeySchema = [new KeySchemaElement(DynamoDbPaymentItem.CreatedDay, KeyType.HASH), new KeySchemaElement(DynamoDbPaymentItem.CreatedAt, KeyType.RANGE)],
                Projection = new Projection { ProjectionType = ProjectionType.KEYS_ONLY },
            },
        ],
        SSESpecification = new SSESpecification { Enabled = true },
    };

    public static Task EnsureCreated(IAmazonDynamoDB client, string name, CancellationToken cancellationToken) =>
        EventStore.DynamoDbTables.EnsureCreated(client, PaymentsTable(name), cancellationToken);
}
