using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Payments.EventStore.Contract;
using Payments.EventStore.Integrity;
using A = Payments.EventStore.DynamoDb.DynamoDbEventAttributes;

namespace Payments.EventStore.DynamoDb;

/// <summary>
/// Builds one append's TransactWriteItems and reads its cancellation reasons. The item order is
/// fixed, which is how a reason maps back to its item: [sequence, key claim?, events...].
/// </summary>
internal static class DynamoDbAppendTransaction
{
    private const string ConditionalCheckFailed = "ConditionalCheckFailed";
    private const string TransactionConflict = "TransactionConflict";

    public static TransactWriteItemsRequest Build(DynamoDbEventStoreTables tables, List<StoredEvent> drafts, long seen, UniqueKeyClaim? claim, StreamId stream, DateTimeOffset now)
    {
        var items = new List<TransactWriteItem>(drafts.Count + 2) { AdvanceSequence(tables, seen, drafts.Count) };
        if (claim is not null)
        {
            items.Add(ReserveKey(tables, claim, stream, now));
        }

        for (var i = 0; i < drafts.Count; i++)
        {
            items.Add(PutEvent(tables, drafts[i] with { Position = seen + 1 + i }));
        }

        return new TransactWriteItemsRequest { TransactItems = items };
    }

    /// <summary>An event item already existed: another writer holds this version.</summary>
    public static bool VersionTaken(TransactionCanceledException e, UniqueKeyClaim? claim) =>
        Reasons(e).Skip(claim is null ? 1 : 2).Any(r => r.Code == ConditionalCheckFailed);

    public static bool KeyTaken(TransactionCanceledException e, UniqueKeyClaim? claim, out AppendResult.UniqueKeyTaken owner)
    {
        owner = null!;
        var reasons = Reasons(e);
        if (claim is null || reasons.Count < 2 || reasons[1].Code != ConditionalCheckFailed || reasons[1].Item is not { Count: > 0 } item)
        {
            return false;
        }

        owner = Owner(claim.Key, item);
        return true;
    }

    /// <summary>Only the sequence moved on, or DynamoDB refused overlapping transactions: retrying is safe.</summary>
    public static bool OnlyContention(TransactionCanceledException e)
    {
        var reasons = Reasons(e);
        return reasons.Any(r => r.Code is TransactionConflict or ConditionalCheckFailed)
            && reasons.Skip(1).All(r => r.Code is null or "None" or TransactionConflict);
    }

    public static AppendResult.UniqueKeyTaken Owner(string key, IReadOnlyDictionary<string, AttributeValue> item) =>
        new(key, new StreamId(DynamoDbEventItem.Text(item, A.OwnerStream)), DynamoDbEventItem.Text(item, A.Fingerprint));

    private static List<CancellationReason> Reasons(TransactionCanceledException e) => e.CancellationReasons ?? [];

    private static TransactWriteItem AdvanceSequence(DynamoDbEventStoreTables tables, long seen, int count) => new()
    {
        Update = new Update
        {
            TableName = tables.Sequences,
            Key = new() { [A.SequenceName] = new AttributeValue { S = DynamoDbEventStore.SequenceKey } },
            UpdateExpression = "SET #v = :next",
            ConditionExpression = seen == 0 ? "attribute_not_exists(#v) OR #v = :seen" : "#v = :seen",
            ExpressionAttributeNames = new() { ["#v"] = A.SequenceValue },
            ExpressionAttributeValues = new() { [":seen"] = DynamoDbEventItem.Number(seen), [":next"] = DynamoDbEventItem.Number(seen + count) },
        },
    };

    private static TransactWriteItem ReserveKey(DynamoDbEventStoreTables tables, UniqueKeyClaim claim, StreamId stream, DateTimeOffset now) => new()
    {
        Put = new Put
        {
            TableName = tables.UniqueKeys,
            Item = new()
            {
                [A.UniqueKey] = new AttributeValue { S = claim.Key },
                [A.OwnerStream] = new AttributeValue { S = stream.Value },
                [A.Fingerprint] = new AttributeValue { S = claim.Fingerprint },
                [A.ReservedAt] = new AttributeValue { S = EventHashChain.FormatTime(now) },
            },
            ConditionExpression = "attribute_not_exists(#k)",
            ExpressionAttributeNames = new() { ["#k"] = A.UniqueKey },
            ReturnValuesOnConditionCheckFailure = ReturnValuesOnConditionCheckFailure.ALL_OLD,
        },
    };

    private static TransactWriteItem PutEvent(DynamoDbEventStoreTables tables, StoredEvent e) => new()
    {
        Put = new Put
        {
            TableName = tables.Events,
            Item = DynamoDbEventItem.From(e),
            ConditionExpression = "attribute_not_exists(#id)",
            ExpressionAttributeNames = new() { ["#id"] = A.PaymentId },
        },
    };
}
