using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Payments.EventStore.Contract;
using Payments.EventStore.Integrity;
using A = Payments.Aws.EventStore.DynamoDbEventAttributes;

namespace Payments.Aws.EventStore;

/// <summary>
/// Builds one TransactWriteItems for a group of appends and reads its cancellation reasons. The
/// item order is fixed, which is how a reason maps back to its append:
/// [sequence, then per append: key claim?, events...].
/// </summary>
internal static class DynamoDbAppendTransaction
{
    public const string ConditionalCheckFailed = "ConditionalCheckFailed";

    public static (TransactWriteItemsRequest Request, List<Slot> Slots) Build(DynamoDbEventStoreTables tables, IReadOnlyList<DynamoDbPendingAppend> appends, long seen, DateTimeOffset now)
    {
        var total = appends.Sum(a => a.Drafts.Count);
        var items = new List<TransactWriteItem> { AdvanceSequence(tables, seen, total) };
        var slots = new List<Slot>(appends.Count);
        var position = seen;
        foreach (var append in appends)
        {
            var keyIndex = -1;
            if (append.Claim is { } claim)
            {
                keyIndex = items.Count;
                items.Add(ReserveKey(tables, claim, append.Stream, now));
            }

            var firstEvent = items.Count;
            foreach (var draft in append.Drafts)
            {
                items.Add(PutEvent(tables, draft with { Position = ++position }));
            }

            slots.Add(new Slot(keyIndex, firstEvent, append.Drafts.Count, position));
        }

        return (new TransactWriteItemsRequest { TransactItems = items }, slots);
    }

    /// <summary>The sequence item's condition failed: another process committed since the head was read.</summary>
    public static bool HeadMoved(IReadOnlyList<CancellationReason> reasons) => reasons.Count > 0 && reasons[0].Code == ConditionalCheckFailed;

    /// <summary>What the reasons say about one append of a cancelled transaction.</summary>
    public static Verdict Judge(IReadOnlyList<CancellationReason> reasons, Slot slot, UniqueKeyClaim? claim, out AppendResult.UniqueKeyTaken? owner)
    {
        owner = null;
        for (var i = slot.FirstEvent; i < slot.FirstEvent + slot.EventCount; i++)
        {
            if (reasons[i].Code == ConditionalCheckFailed)
            {
                return Verdict.VersionTaken;
            }
        }

        if (claim is null || slot.KeyIndex < 0 || reasons[slot.KeyIndex].Code != ConditionalCheckFailed)
        {
            return Verdict.Retry;
        }

        if (reasons[slot.KeyIndex].Item is not { Count: > 0 } item)
        {
            return Verdict.Fault;
        }

        owner = Owner(claim.Key, item);
        return Verdict.KeyTaken;
    }

    public static AppendResult.UniqueKeyTaken Owner(string key, IReadOnlyDictionary<string, AttributeValue> item) =>
        new(key, new StreamId(DynamoDbEventItem.Text(item, A.OwnerStream)), DynamoDbEventItem.Text(item, A.Fingerprint));

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

    /// <summary>Where one append's items sit in the transaction, and the position of its last event.</summary>
    public readonly record struct Slot(int KeyIndex, int FirstEvent, int EventCount, long LastPosition);

    public enum Verdict
    {
        /// <summary>Not this append's fault: it goes into the next transaction.</summary>
        Retry,
        VersionTaken,
        KeyTaken,

        /// <summary>The key item failed its condition but DynamoDB did not return it: nothing sensible to report.</summary>
        Fault,
    }
}
