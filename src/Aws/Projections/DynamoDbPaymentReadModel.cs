using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Payments.Application.Reconciliation;
using Payments.Application.Sweeping;
using Payments.EventStore.Integrity;
using Payments.Projections.Projector;
using Payments.Projections.ReadModel;

namespace Payments.Aws.Projections;

/// <summary>
/// The cloud payments read model. Every write is conditional on the stored version, so a late,
/// duplicated or replayed Streams record can never put an older state over a newer one.
/// </summary>
public sealed class DynamoDbPaymentReadModel(IAmazonDynamoDB client, string tableName)
    : IPaymentReadModel, IPaymentProjectionStore, IPaymentProjectionWriter, IStalledPaymentIndex, IRequestedPaymentIndex
{
    public string TableName => tableName;

    public async Task<PaymentRecord?> Find(Guid paymentId, CancellationToken cancellationToken)
    {
        var response = await client.GetItemAsync(
            new GetItemRequest { TableName = tableName, ConsistentRead = true, Key = Key(paymentId) },
            cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? DynamoDbPaymentItem.ToRecord(item) : null;
    }

    public Task<PaymentRecord?> Load(Guid paymentId, CancellationToken cancellationToken) => Find(paymentId, cancellationToken);

    /// <summary>Every row is its own conditional write, durable when it returns.</summary>
    public Task<IPaymentProjectionBatch> Begin(CancellationToken cancellationToken) => Task.FromResult<IPaymentProjectionBatch>(new UnbatchedProjection(this));

    public async Task<bool> Save(PaymentRecord record, long expectedVersion, CancellationToken cancellationToken)
    {
        var request = new PutItemRequest
        {
            TableName = tableName,
            Item = DynamoDbPaymentItem.From(record),
            ConditionExpression = expectedVersion == 0 ? "attribute_not_exists(#id)" : "#v = :expected",
            ExpressionAttributeNames = expectedVersion == 0 ? new() { ["#id"] = DynamoDbPaymentItem.PaymentId } : new() { ["#v"] = DynamoDbPaymentItem.Version },
        };
        if (expectedVersion != 0)
        {
            request.ExpressionAttributeValues = new() { [":expected"] = new AttributeValue { N = expectedVersion.ToString(CultureInfo.InvariantCulture) } };
        }

        return await TryPut(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Rebuild's write: the fold of the log replaces the row unless the row is newer (the live projector got there
    /// first), so a rebuild racing the projector never moves a row backwards. A row with no numeric version is
    /// replaced too. False when a newer row was kept.
    /// </summary>
    public async Task<bool> Overwrite(PaymentRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return await TryPut(
            new PutItemRequest
            {
                TableName = tableName,
                Item = DynamoDbPaymentItem.From(record),
                ConditionExpression = "attribute_not_exists(#v) OR NOT attribute_type(#v, :number) OR #v <= :v",
                ExpressionAttributeNames = new() { ["#v"] = DynamoDbPaymentItem.Version },
                ExpressionAttributeValues = new()
                {
                    [":number"] = new AttributeValue { S = "N" },
                    [":v"] = new AttributeValue { N = record.Version.ToString(CultureInfo.InvariantCulture) },
                },
            },
            cancellationToken).ConfigureAwait(false);
    }

    public Task Delete(Guid paymentId, CancellationToken cancellationToken) =>
        client.DeleteItemAsync(new DeleteItemRequest { TableName = tableName, Key = Key(paymentId) }, cancellationToken);

    /// <summary>Every payment id with a row, by a keys-only scan; used by rebuild to drop rows the log does not back.</summary>
    public async Task<IReadOnlyList<Guid>> AllPaymentIds(CancellationToken cancellationToken)
    {
        var rows = await DynamoDbPages.Scan(
            client,
            new ScanRequest
            {
                TableName = tableName,
                ProjectionExpression = "#id",
                ExpressionAttributeNames = new() { ["#id"] = DynamoDbPaymentItem.PaymentId },
            },
            cancellationToken).ConfigureAwait(false);
        return rows.Select(PaymentIdOf).ToList();
    }

    /// <summary>
    /// Newest first through the by_client index. DynamoDB applies Limit before the status and attention filters,
    /// so pages are read until enough rows pass it.
    /// </summary>
    public async Task<PaymentPage> List(PaymentQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.Limit);
        var rows = await DynamoDbPages.Query(client, ListRequest(query), cancellationToken, max: query.Limit + 1).ConfigureAwait(false);
        return PaymentPages.Of(rows.Select(DynamoDbPaymentItem.ToRecord).ToList(), query.Limit);
    }

    /// <summary>Open payments idle since before <paramref name="idleSince"/>, through the sparse open_by_idle index (eventually consistent).</summary>
    public async Task<IReadOnlyList<Guid>> FindStalled(DateTimeOffset idleSince, int limit, CancellationToken cancellationToken)
    {
        var rows = await DynamoDbPages.Query(
            client,
            new QueryRequest
            {
                TableName = tableName,
                IndexName = DynamoDbPaymentsSchema.OpenByIdleIndex,
                KeyConditionExpression = "#open = :open AND #updated < :idle",
                ExpressionAttributeNames = new() { ["#open"] = DynamoDbPaymentItem.OpenShard, ["#updated"] = DynamoDbPaymentItem.UpdatedAt },
                ExpressionAttributeValues = new()
                {
                    [":open"] = new AttributeValue { S = DynamoDbPaymentItem.OpenShardValue },
                    [":idle"] = new AttributeValue { S = EventHashChain.FormatTime(idleSince) },
                },
            },
            cancellationToken,
            max: limit).ConfigureAwait(false);
        return rows.Select(PaymentIdOf).ToList();
    }

    /// <summary>Through the requested_by_day index, one query per day (eventually consistent: a payment requested a moment ago may be missing).</summary>
    public async Task<IReadOnlyList<Guid>> RequestedBetween(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var rows = await DynamoDbDayPartitions.Query(
            client, tableName, DynamoDbPaymentsSchema.RequestedByDayIndex, (DynamoDbPaymentItem.CreatedDay, DynamoDbPaymentItem.CreatedAt), from, to, cancellationToken).ConfigureAwait(false);
        return rows.Select(PaymentIdOf).ToList();
    }

    /// <summary>Which payment an idempotency key belongs to, through the spec's GSI (eventually consistent).</summary>
    public async Task<IReadOnlyList<Guid>> FindByIdempotencyKey(string idempotencyKey, CancellationToken cancellationToken)
    {
        var response = await client.QueryAsync(
            new QueryRequest
            {
                TableName = tableName,
                IndexName = DynamoDbPaymentsSchema.ByIdempotencyKeyIndex,
                KeyConditionExpression = "#k = :k",
                ExpressionAttributeNames = new() { ["#k"] = DynamoDbPaymentItem.IdempotencyKey },
                ExpressionAttributeValues = new() { [":k"] = new AttributeValue { S = idempotencyKey } },
            },
            cancellationToken).ConfigureAwait(false);
        return (response.Items ?? []).Select(PaymentIdOf).ToList();
    }

    private QueryRequest ListRequest(PaymentQuery query)
    {
        var names = new Dictionary<string, string> { ["#c"] = DynamoDbPaymentItem.ClientId };
        var values = new Dictionary<string, AttributeValue> { [":c"] = new() { S = query.ClientId } };
        var condition = "#c = :c";
        if (query.After is { } after)
        {
            names["#id"] = DynamoDbPaymentItem.PaymentId;
            values[":after"] = new AttributeValue { S = DynamoDbPaymentItem.Id(after) };
            condition += " AND #id < :after";
        }

        var request = new QueryRequest
        {
            TableName = tableName,
            IndexName = DynamoDbPaymentsSchema.ByClientIndex,
            KeyConditionExpression = condition,
            ScanIndexForward = false,
        };
        var filters = new List<string>();
        if (query.Status is { } status)
        {
            names["#s"] = DynamoDbPaymentItem.Status;
            values[":s"] = new AttributeValue { S = DynamoDbPaymentItem.StatusText(status) };
            filters.Add("#s = :s");
        }

        if (query.AttentionOnly)
        {
            names["#a"] = DynamoDbPaymentItem.Attention;
            filters.Add("attribute_exists(#a)");
        }

        request.FilterExpression = filters.Count > 0 ? string.Join(" AND ", filters) : null;

        request.ExpressionAttributeNames = names;
        request.ExpressionAttributeValues = values;
        return request;
    }

    /// <summary>A conditional row write: false when the condition kept the stored row.</summary>
    private async Task<bool> TryPut(PutItemRequest request, CancellationToken cancellationToken)
    {
        try
        {
            await client.PutItemAsync(request, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (ConditionalCheckFailedException)
        {
            return false;
        }
    }

    private static Guid PaymentIdOf(Dictionary<string, AttributeValue> item) => Guid.Parse(item[DynamoDbPaymentItem.PaymentId].S);

    private static Dictionary<string, AttributeValue> Key(Guid paymentId) =>
        new() { [DynamoDbPaymentItem.PaymentId] = new AttributeValue { S = DynamoDbPaymentItem.Id(paymentId) } };
}
