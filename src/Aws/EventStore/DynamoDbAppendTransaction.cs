using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Payments.EventStore.Contract;
using Payments.EventStore.Integrity;
using A = Payments.Aws.EventStore.DynamoDbEventAttributes;

namespace Payments.Aws.EventStore;

/// <summary>
/// One append as one TransactWriteItems that touches only its own items: on a first append the idempotency key item
/// (conditional on not existing, returning the owner when taken), then the stream's new events (each conditional on
/// its (payment_id, version) not existing). No item is shared with another payment's append, so writers never
/// contend across payments. The item order is fixed, which is how a cancellation reason maps back to its cause.
/// </summary>
internal static class DynamoDbAppendTransaction
{
    public const string ConditionalCheckFailed = "ConditionalCheckFailed";

    /// <summary>Cancellation reasons that pass: a conflicting transaction on the same items, or throttling.</summary>
    internal static readonly HashSet<string> Transient = new(StringComparer.Ordinal) { "None", "TransactionConflict", "ThrottlingError", "ProvisionedThroughputExceeded" };

    public static (TransactWriteItemsRequest Request, int KeyIndex) Build(DynamoDbEventStoreTables tables, StreamId stream, IReadOnlyList<StoredEvent> drafts, UniqueKeyClaim? claim, DateTimeOffset now)
    {
        var items = new List<TransactWriteItem>(drafts.Count + 1);
        var keyIndex = -1;
        if (claim is not null)
        {
            keyIndex = 0;
            items.Add(ReserveKey(tables, claim, stream, now));
        }

        items.AddRange(drafts.Select(draft => PutEvent(tables, draft)));
        return (new TransactWriteItemsRequest { TransactItems = items }, keyIndex);
    }

    /// <summary>What the reasons of a cancelled append say.</summary>
    public static Verdict Judge(IReadOnlyList<CancellationReason> reasons, int keyIndex, UniqueKeyClaim? claim, out AppendResult.UniqueKeyTaken? owner)
    {
        owner = null;
        if (keyIndex >= 0 && claim is not null && reasons[keyIndex].Code == ConditionalCheckFailed)
        {
            if (reasons[keyIndex].Item is not { Count: > 0 } item)
            {
                return Verdict.Fault;
            }

            owner = Owner(claim.Key, item);
            return Verdict.KeyTaken;
        }

        if (reasons.Any(r => r.Code == ConditionalCheckFailed))
        {
            return Verdict.VersionTaken;
        }

        // Conflicts with a transaction on the same stream or throttling pass; anything else (validation, item size) will not.
        return reasons.All(r => r.Code is null || Transient.Contains(r.Code)) ? Verdict.Retry : Verdict.Fault;
    }

    public static AppendResult.UniqueKeyTaken Owner(string key, IReadOnlyDictionary<string, AttributeValue> item) =>
        new(key, new StreamId(DynamoDbEventItem.Text(item, A.OwnerStream)), DynamoDbEventItem.Text(item, A.Fingerprint));

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

    public enum Verdict
    {
        /// <summary>Another transaction on the same items, or throttling: the same append may go again.</summary>
        Retry,
        VersionTaken,
        KeyTaken,

        /// <summary>Not retryable, or the key item failed its condition but DynamoDB did not return it.</summary>
        Fault,
    }
}
