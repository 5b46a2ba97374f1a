using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Payments.Application.Webhooks.Deliveries;
using Payments.Application.Webhooks.Endpoints;
using static Payments.Aws.Webhooks.WebhookItemValues;
using Items = Payments.Aws.Webhooks.WebhookDeliveryItems;
using Schema = Payments.Aws.Webhooks.DynamoDbWebhookSchema;

namespace Payments.Aws.Webhooks;

/// <summary>
/// Webhook endpoints, messages, deliveries and attempts on DynamoDB (<see cref="DynamoDbWebhookSchema"/>). Writes a
/// retry can repeat are conditional: the first message or delivery stored wins and is read back, and an attempt is put
/// only where none with its number exists, in the same transaction as its delivery's new state.
/// </summary>
public sealed class DynamoDbWebhookStore(IAmazonDynamoDB client, DynamoDbWebhookTables tables) : IWebhookEndpointStore, IWebhookDeliveryStore
{
    private const string ConditionalCheckFailed = "ConditionalCheckFailed";

    public async Task Add(WebhookEndpoint endpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        try
        {
            await client.PutItemAsync(
                new PutItemRequest
                {
                    TableName = tables.Endpoints,
                    Item = WebhookEndpointItem.From(endpoint),
                    ConditionExpression = "attribute_not_exists(#id)",
                    ExpressionAttributeNames = new() { ["#id"] = Schema.EndpointId },
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException e)
        {
            throw new InvalidOperationException($"Webhook endpoint {endpoint.EndpointId} already exists.", e);
        }
    }

    public async Task<WebhookEndpoint?> Find(string clientId, string endpointId, CancellationToken cancellationToken)
    {
        var item = await Get(tables.Endpoints, WebhookEndpointItem.Key(clientId, endpointId), cancellationToken).ConfigureAwait(false);
        return item is null ? null : WebhookEndpointItem.ToEndpoint(item);
    }

    /// <summary>A client has a handful of endpoints: they are read whole and put in creation order here.</summary>
    public async Task<IReadOnlyList<WebhookEndpoint>> ListFor(string clientId, CancellationToken cancellationToken)
    {
        var items = await DynamoDbPages.Query(
            client,
            new QueryRequest
            {
                TableName = tables.Endpoints,
                ConsistentRead = true,
                KeyConditionExpression = "#client = :client",
                ExpressionAttributeNames = new() { ["#client"] = Schema.ClientId },
                ExpressionAttributeValues = new() { [":client"] = S(clientId) },
            },
            cancellationToken).ConfigureAwait(false);
        return [.. items.Select(WebhookEndpointItem.ToEndpoint).OrderBy(e => e.CreatedAt).ThenBy(e => e.EndpointId, StringComparer.Ordinal)];
    }

    public async Task<bool> Replace(WebhookEndpoint endpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        try
        {
            await client.PutItemAsync(
                new PutItemRequest
                {
                    TableName = tables.Endpoints,
                    Item = WebhookEndpointItem.From(endpoint),
                    ConditionExpression = "#revision = :previous",
                    ExpressionAttributeNames = new() { ["#revision"] = WebhookEndpointItem.Revision },
                    ExpressionAttributeValues = new() { [":previous"] = N(endpoint.Revision - 1) },
                },
                cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    public async Task<bool> Remove(string clientId, string endpointId, CancellationToken cancellationToken)
    {
        var response = await client.DeleteItemAsync(
            new DeleteItemRequest { TableName = tables.Endpoints, Key = WebhookEndpointItem.Key(clientId, endpointId), ReturnValues = ReturnValue.ALL_OLD },
            cancellationToken).ConfigureAwait(false);
        return response.Attributes is { Count: > 0 };
    }

    public async Task<WebhookMessage> AddMessage(WebhookMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var stored = await PutFirst(Items.From(message), Items.MessageKey(message.MessageId), cancellationToken).ConfigureAwait(false);
        return stored is null ? message : Items.ToMessage(stored);
    }

    public async Task<WebhookMessage?> FindMessage(string messageId, CancellationToken cancellationToken)
    {
        var item = await Get(tables.Deliveries, Items.MessageKey(messageId), cancellationToken).ConfigureAwait(false);
        return item is null ? null : Items.ToMessage(item);
    }

    public async Task<IReadOnlyList<WebhookMessage>> MessagesFor(
        string clientId, DateTimeOffset since, DateTimeOffset until, int limit, CancellationToken cancellationToken)
    {
        if (since >= until || limit <= 0)
        {
            return [];
        }

        // Index keys are "time#message id": every key at `since` sorts after the bare time and every key at `until`
        // after the bare `until`, so BETWEEN the two bare times is exactly since <= timestamp < until.
        var items = await DynamoDbPages.Query(
            client,
            new QueryRequest
            {
                TableName = tables.Deliveries,
                IndexName = Schema.MessagesByClientIndex,
                KeyConditionExpression = "#client = :client AND #at BETWEEN :since AND :until",
                ExpressionAttributeNames = new() { ["#client"] = Schema.MessageClient, ["#at"] = Schema.MessageAt },
                ExpressionAttributeValues = new()
                {
                    [":client"] = S(clientId),
                    [":since"] = S(TimeText(since)),
                    [":until"] = S(TimeText(until)),
                },
                ScanIndexForward = true,
            },
            cancellationToken,
            limit).ConfigureAwait(false);
        return [.. items.Select(Items.ToMessage)];
    }

    public async Task<WebhookDelivery> OpenDelivery(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        var stored = await PutFirst(Items.From(delivery), Items.DeliveryKey(delivery.DeliveryId), cancellationToken).ConfigureAwait(false);
        return stored is null ? delivery : Items.ToDelivery(stored);
    }

    public async Task<WebhookDelivery?> FindDelivery(string deliveryId, CancellationToken cancellationToken)
    {
        var item = await Get(tables.Deliveries, Items.DeliveryKey(deliveryId), cancellationToken).ConfigureAwait(false);
        return item is null ? null : Items.ToDelivery(item);
    }

    public async Task<bool> Claim(string deliveryId, int attempts, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken)
    {
        try
        {
            // Times are fixed-width UTC text, so string order is time order.
            await client.UpdateItemAsync(
                new UpdateItemRequest
                {
                    TableName = tables.Deliveries,
                    Key = Items.DeliveryKey(deliveryId),
                    UpdateExpression = "SET #next = :lease",
                    ConditionExpression = "attribute_exists(#pk) AND #attempts = :attempts AND #state = :pending AND (attribute_not_exists(#next) OR #next <= :now)",
                    ExpressionAttributeNames = new()
                    {
                        ["#pk"] = Schema.PartitionKey, ["#next"] = Items.NextAttemptAt, ["#attempts"] = Items.Attempts, ["#state"] = Items.State,
                    },
                    ExpressionAttributeValues = new()
                    {
                        [":lease"] = Time(leaseUntil),
                        [":attempts"] = new AttributeValue { N = attempts.ToString(System.Globalization.CultureInfo.InvariantCulture) },
                        [":pending"] = S(nameof(WebhookDeliveryState.Pending)),
                        [":now"] = Time(now),
                    },
                },
                cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    public Task SaveDelivery(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return client.PutItemAsync(new PutItemRequest { TableName = tables.Deliveries, Item = Items.From(delivery) }, cancellationToken);
    }

    public async Task<bool> RecordAttempt(WebhookAttempt attempt, WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentNullException.ThrowIfNull(delivery);
        try
        {
            await client.TransactWriteItemsAsync(
                new TransactWriteItemsRequest
                {
                    TransactItems =
                    [
                        new TransactWriteItem
                        {
                            Put = new Put
                            {
                                TableName = tables.Deliveries,
                                Item = Items.From(attempt),
                                ConditionExpression = "attribute_not_exists(#pk)",
                                ExpressionAttributeNames = new() { ["#pk"] = Schema.PartitionKey },
                            },
                        },
                        new TransactWriteItem { Put = new Put { TableName = tables.Deliveries, Item = Items.From(delivery) } },
                    ],
                },
                cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (TransactionCanceledException e) when (e.CancellationReasons is [{ Code: ConditionalCheckFailed }, ..])
        {
            // The attempt is recorded already (a handler retried after an unacknowledged write): that write's delivery state stands.
            return false;
        }
    }

    public async Task<IReadOnlyList<WebhookDelivery>> DeliveriesForPayment(string clientId, Guid paymentId, CancellationToken cancellationToken)
    {
        var items = await DynamoDbPages.Query(
            client,
            new QueryRequest
            {
                TableName = tables.Deliveries,
                IndexName = Schema.DeliveriesByPaymentIndex,
                KeyConditionExpression = "#payment = :payment",
                ExpressionAttributeNames = new() { ["#payment"] = Schema.DeliveryPayment },
                ExpressionAttributeValues = new() { [":payment"] = S(Items.PaymentOf(clientId, paymentId)) },
                ScanIndexForward = true,
            },
            cancellationToken).ConfigureAwait(false);
        return [.. items.Select(Items.ToDelivery)];
    }

    public async Task<IReadOnlyList<WebhookAttempt>> AttemptsForDelivery(string deliveryId, CancellationToken cancellationToken)
    {
        var items = await DynamoDbPages.Query(
            client,
            new QueryRequest
            {
                TableName = tables.Deliveries,
                ConsistentRead = true,
                KeyConditionExpression = "#pk = :pk AND begins_with(#sk, :attempt)",
                ExpressionAttributeNames = new() { ["#pk"] = Schema.PartitionKey, ["#sk"] = Schema.SortKey },
                ExpressionAttributeValues = new() { [":pk"] = S(Items.DeliveryPartition(deliveryId)), [":attempt"] = S(Items.AttemptPrefix) },
                ScanIndexForward = true,
            },
            cancellationToken).ConfigureAwait(false);
        return [.. items.Select(Items.ToAttempt)];
    }

    /// <summary>
    /// The index key joins client and endpoint ids with '#', which either id may hold ("a" + "b#e" and "a#b" + "e" share
    /// a key); the filter on the ids themselves keeps each client to its own attempts. A payment's key needs no such
    /// filter: a payment id is a GUID, so the part after the last '#' is always the whole of it.
    /// </summary>
    public async Task<IReadOnlyList<WebhookAttempt>> AttemptsForEndpoint(string clientId, string endpointId, int limit, CancellationToken cancellationToken)
    {
        if (limit <= 0)
        {
            return [];
        }

        var items = await DynamoDbPages.Query(
            client,
            new QueryRequest
            {
                TableName = tables.Deliveries,
                IndexName = Schema.AttemptsByEndpointIndex,
                KeyConditionExpression = "#endpoint_key = :endpoint_key",
                FilterExpression = "#client = :client AND #endpoint = :endpoint",
                ExpressionAttributeNames = new()
                {
                    ["#endpoint_key"] = Schema.AttemptEndpoint,
                    ["#client"] = Schema.ClientId,
                    ["#endpoint"] = Schema.EndpointId,
                },
                ExpressionAttributeValues = new()
                {
                    [":endpoint_key"] = S(Items.EndpointOf(clientId, endpointId)),
                    [":client"] = S(clientId),
                    [":endpoint"] = S(endpointId),
                },
                ScanIndexForward = false,
            },
            cancellationToken,
            limit).ConfigureAwait(false);
        return [.. items.Select(Items.ToAttempt)];
    }

    /// <summary>Puts the item unless its key exists; null when it was put, else the item already stored (first write wins).</summary>
    private async Task<Dictionary<string, AttributeValue>?> PutFirst(
        Dictionary<string, AttributeValue> item, Dictionary<string, AttributeValue> key, CancellationToken cancellationToken)
    {
        try
        {
            await client.PutItemAsync(
                new PutItemRequest
                {
                    TableName = tables.Deliveries,
                    Item = item,
                    ConditionExpression = "attribute_not_exists(#pk)",
                    ExpressionAttributeNames = new() { ["#pk"] = Schema.PartitionKey },
                },
                cancellationToken).ConfigureAwait(false);
            return null;
        }
        catch (ConditionalCheckFailedException)
        {
            return await Get(tables.Deliveries, key, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Webhook item {key[Schema.PartitionKey].S} refused a first write yet cannot be read.");
        }
    }

    private async Task<Dictionary<string, AttributeValue>?> Get(string table, Dictionary<string, AttributeValue> key, CancellationToken cancellationToken)
    {
        var response = await client.GetItemAsync(new GetItemRequest { TableName = table, Key = key, ConsistentRead = true }, cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? item : null;
    }
}
