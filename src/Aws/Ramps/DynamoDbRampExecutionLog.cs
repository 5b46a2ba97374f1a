using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Payments.Application.Ramps.Sandbox;
using Payments.Domain.Ramps;
using Payments.EventStore.Integrity;

namespace Payments.Aws.Ramps;

/// <summary>
/// The sandbox providers' memory in a DynamoDB table keyed by request key, shared by every worker Lambda instance:
/// the first execution is a conditional put, so two instances racing on one leg record one transaction, and every
/// call is counted so tests and operators can check that no leg converted twice. Executed transactions carry their
/// execution day and time, so the sparse <see cref="ExecutedIndex"/> answers settlement statements without a scan;
/// items written before these attributes existed are on no statement.
/// </summary>
public sealed class DynamoDbRampExecutionLog(IAmazonDynamoDB client, string tableName) : IRampExecutionLog
{
    public const string DefaultTableName = "ramp_executions";

    /// <summary>Executed transactions by UTC day and execution time; refusals carry neither attribute, so they are not in it.</summary>
    public const string ExecutedIndex = "executed_by_day";

    private const string Key = "request_key";
    private const string ExecutedDay = "executed_day";
    private const string ExecutedAt = "executed_at";

    public static CreateTableRequest Table(string name) => new()
    {
        TableName = name,
        BillingMode = BillingMode.PAY_PER_REQUEST,
        AttributeDefinitions =
        [
            new AttributeDefinition(Key, ScalarAttributeType.S),
            new AttributeDefinition(ExecutedDay, ScalarAttributeType.S),
            new AttributeDefinition(ExecutedAt, ScalarAttributeType.S),
        ],
        KeySchema = [new KeySchemaElement(Key, KeyType.HASH)],
        GlobalSecondaryIndexes =
        [
            new GlobalSecondaryIndex
            {
                IndexName = ExecutedIndex,
                KeySchema = [new KeySchemaElement(ExecutedDay, KeyType.HASH), new KeySchemaElement(ExecutedAt, KeyType.RANGE)],
                Projection = new Projection { ProjectionType = ProjectionType.ALL },
            },
        ],
        SSESpecification = new SSESpecification { Enabled = true },
    };

    public Task<RampTransaction?> FindAndCountCall(RampRequestKey key, CancellationToken cancellationToken) => CountCall(key.Value, cancellationToken);

    public async Task<RampTransaction?> Find(RampRequestKey key, CancellationToken cancellationToken)
    {
        var item = (await client.GetItemAsync(new GetItemRequest { TableName = tableName, Key = KeyOf(key.Value), ConsistentRead = true }, cancellationToken).ConfigureAwait(false)).Item;
        return item is { Count: > 0 } ? Read(item) : null;
    }

    private async Task<RampTransaction?> CountCall(string requestKey, CancellationToken cancellationToken)
    {
        try
        {
            var updated = await client.UpdateItemAsync(
                new UpdateItemRequest
                {
                    TableName = tableName,
                    Key = KeyOf(requestKey),
                    UpdateExpression = "ADD calls :one",
                    ConditionExpression = "attribute_exists(request_key)",
                    ExpressionAttributeValues = new Dictionary<string, AttributeValue>(StringComparer.Ordinal) { [":one"] = new() { N = "1" } },
                    ReturnValues = ReturnValue.ALL_NEW,
                },
                cancellationToken).ConfigureAwait(false);
            return Read(updated.Attributes);
        }
        catch (ConditionalCheckFailedException)
        {
            return null;
        }
    }

    public async Task<RampTransaction> Record(RampTransaction candidate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        try
        {
            await client.PutItemAsync(
                new PutItemRequest
                {
                    TableName = tableName,
                    Item = Write(candidate),
                    ConditionExpression = "attribute_not_exists(request_key)",
                },
                cancellationToken).ConfigureAwait(false);
            return candidate;
        }
        catch (ConditionalCheckFailedException)
        {
            // Another instance executed this leg first: its transaction stands, this call only counts.
            return await CountCall(candidate.RequestKey, cancellationToken).ConfigureAwait(false)
                ?? throw new InvalidOperationException($"Ramp execution {candidate.RequestKey} vanished after a conflicting put.");
        }
    }

    /// <summary>Through the executed-by-day index, which is eventually consistent: a transaction executed a moment ago may be missing.</summary>
    public async Task<IReadOnlyList<RampTransaction>> Executed(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var items = await DynamoDbDayPartitions.Query(client, tableName, ExecutedIndex, (ExecutedDay, ExecutedAt), from, to, cancellationToken).ConfigureAwait(false);
        return [.. items.Select(Read).Where(t => t.TransactionId is not null)];
    }

    /// <summary>Calls and executions for one request key; null when the key was never executed.</summary>
    public async Task<(long Calls, long Executions)?> Usage(string requestKey, CancellationToken cancellationToken)
    {
        var item = (await client.GetItemAsync(new GetItemRequest { TableName = tableName, Key = KeyOf(requestKey), ConsistentRead = true }, cancellationToken).ConfigureAwait(false)).Item;
        return item is { Count: > 0 } ? (Number(item["calls"]), Number(item["executions"])) : null;
    }

    private static Dictionary<string, AttributeValue> KeyOf(string requestKey) => new(StringComparer.Ordinal) { [Key] = new() { S = requestKey } };

    private static Dictionary<string, AttributeValue> Write(RampTransaction t)
    {
        var item = KeyOf(t.RequestKey);
        item["leg"] = new() { S = t.Leg.ToString() };
        item["amount"] = new() { S = t.Amount.ToString(CultureInfo.InvariantCulture) };
        item["rate"] = new() { S = t.Rate.ToString(CultureInfo.InvariantCulture) };
        item["executions"] = new() { N = "1" };
        item["calls"] = new() { N = "1" };
        if (t.TransactionId is { } tx)
        {
            item["transaction_id"] = new() { S = tx };
        }

        if (t.RefusalReason is { } reason)
        {
            item["refusal_reason"] = new() { S = reason };
        }

        if (t.Currency is { } currency)
        {
            item["currency"] = new() { S = currency };
        }

        if (t.ExecutedAt is { } executedAt && t.TransactionId is not null)
        {
            item[ExecutedDay] = new() { S = DynamoDbDayPartitions.DayOf(executedAt) };
            item[ExecutedAt] = new() { S = EventHashChain.FormatTime(executedAt) };
        }

        return item;
    }

    private static RampTransaction Read(Dictionary<string, AttributeValue> item) => new(
        item[Key].S,
        Enum.Parse<RampLeg>(item["leg"].S),
        item.TryGetValue("transaction_id", out var tx) ? tx.S : null,
        decimal.Parse(item["amount"].S, CultureInfo.InvariantCulture),
        decimal.Parse(item["rate"].S, CultureInfo.InvariantCulture),
        item.TryGetValue("refusal_reason", out var reason) ? reason.S : null,
        item.TryGetValue("currency", out var currency) ? currency.S : null,
        item.TryGetValue(ExecutedAt, out var executedAt) ? EventHashChain.ParseTime(executedAt.S) : null);

    private static long Number(AttributeValue value) => long.Parse(value.N, CultureInfo.InvariantCulture);
}
