using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Payments.Aws.EventStore;

namespace Payments.Aws.Webhooks;

/// <summary>
/// The webhook tables, in code so tests create exactly what the cloud program provisions. Endpoints are keyed by
/// (client_id, endpoint_id), so every read names its client. Deliveries is one table of three item kinds under a generic
/// (pk, sk) key: a message (<c>msg#ID</c>), a delivery (<c>dlv#ID</c> / <c>delivery</c>) and its attempts
/// (<c>dlv#ID</c> / <c>attempt#NNNNNNNNNN</c>), so a delivery and its attempts are one partition and one transaction.
/// Each listing has a sparse index whose key attributes only its own kind of item carries.
/// </summary>
public static class DynamoDbWebhookSchema
{
    public const string ClientId = "client_id";
    public const string EndpointId = "endpoint_id";
    public const string PartitionKey = "pk";
    public const string SortKey = "sk";

    /// <summary>A client's messages by time: hash <see cref="MessageClient"/> (client id), range <see cref="MessageAt"/> (timestamp#message id).</summary>
    public const string MessagesByClientIndex = "messages_by_client";
    public const string MessageClient = "msg_client";
    public const string MessageAt = "msg_at";

    /// <summary>A payment's deliveries by creation: hash <see cref="DeliveryPayment"/> (client#payment), range <see cref="DeliveryCreated"/> (created#delivery id).</summary>
    public const string DeliveriesByPaymentIndex = "deliveries_by_payment";
    public const string DeliveryPayment = "dlv_payment";
    public const string DeliveryCreated = "dlv_created";

    /// <summary>An endpoint's attempts by time: hash <see cref="AttemptEndpoint"/> (client#endpoint), range <see cref="AttemptAt"/> (at#delivery#attempt).</summary>
    public const string AttemptsByEndpointIndex = "attempts_by_endpoint";
    public const string AttemptEndpoint = "att_endpoint";
    public const string AttemptAt = "att_at";

    public static CreateTableRequest EndpointsTable(string name) => new()
    {
        TableName = name,
        BillingMode = BillingMode.PAY_PER_REQUEST,
        AttributeDefinitions = [new AttributeDefinition(ClientId, ScalarAttributeType.S), new AttributeDefinition(EndpointId, ScalarAttributeType.S)],
        KeySchema = [new KeySchemaElement(ClientId, KeyType.HASH), new KeySchemaElement(EndpointId, KeyType.RANGE)],
        SSESpecification = new SSESpecification { Enabled = true },
    };

    public static CreateTableRequest DeliveriesTable(string name) => new()
    {
        TableName = name,
        BillingMode = BillingMode.PAY_PER_REQUEST,
        AttributeDefinitions =
        [
            new AttributeDefinition(PartitionKey, ScalarAttributeType.S),
            new AttributeDefinition(SortKey, ScalarAttributeType.S),
            new AttributeDefinition(MessageClient, ScalarAttributeType.S),
            new AttributeDefinition(MessageAt, ScalarAttributeType.S),
            new AttributeDefinition(DeliveryPayment, ScalarAttributeType.S),
            new AttributeDefinition(DeliveryCreated, ScalarAttributeType.S),
            new AttributeDefinition(AttemptEndpoint, ScalarAttributeType.S),
            new AttributeDefinition(AttemptAt, ScalarAttributeType.S),
        ],
        KeySchema = [new KeySchemaElement(PartitionKey, KeyType.HASH), new KeySchemaElement(SortKey, KeyType.RANGE)],
        GlobalSecondaryIndexes =
        [
            Index(MessagesByClientIndex, MessageClient, MessageAt),
            Index(DeliveriesByPaymentIndex, DeliveryPayment, DeliveryCreated),
            Index(AttemptsByEndpointIndex, AttemptEndpoint, AttemptAt),
        ],
        SSESpecification = new SSESpecification { Enabled = true },
    };

    public static IReadOnlyList<CreateTableRequest> All(DynamoDbWebhookTables tables)
    {
        ArgumentNullException.ThrowIfNull(tables);
        return [EndpointsTable(tables.Endpoints), DeliveriesTable(tables.Deliveries)];
    }

    /// <summary>Creates the tables that do not exist yet and waits until they are ACTIVE.</summary>
    public static async Task EnsureCreated(IAmazonDynamoDB client, DynamoDbWebhookTables tables, CancellationToken cancellationToken)
    {
        foreach (var request in All(tables))
        {
            await DynamoDbTables.EnsureCreated(client, request, cancellationToken).ConfigureAwait(false);
        }
    }

    private static GlobalSecondaryIndex Index(string name, string hash, string range) => new()
    {
        IndexName = name,
        KeySchema = [new KeySchemaElement(hash, KeyType.HASH), new KeySchemaElement(range, KeyType.RANGE)],
        Projection = new Projection { ProjectionType = ProjectionType.ALL },
    };
}
