using Amazon.DynamoDBv2.Model;
using Payments.Aws.EventStore;
using Payments.EventStore.Audit;
using Payments.EventStore.Contract;
using Schema = Payments.Aws.Audit.DynamoDbAuditLogSchema;

namespace Payments.Aws.Audit;

/// <summary>
/// One append to the audit log as one TransactWriteItems: the head, conditional on the size the caller read; per event
/// a marker, conditional on not existing, and an entry carrying the event and the tree nodes its leaf completed. So an
/// append holds 1 + 2 × events items, whatever the tree's size.
/// </summary>
internal static class AuditLogAppend
{
    public const int MaxEvents = (DynamoDbAppendLimits.MaxTransactionItems - 1) / 2;

    /// <exception cref="ArgumentException">Too many events, positions that do not follow <paramref name="expectedSize"/>, or nodes no appended leaf completes.</exception>
    public static TransactWriteItemsRequest Build(string table, long expectedSize, IReadOnlyList<StoredEvent> events, IReadOnlyList<MerkleNode> nodes)
    {
        if (events.Count > MaxEvents)
        {
            throw new ArgumentException($"{events.Count} events do not fit one DynamoDB transaction; an audit log append takes at most {MaxEvents}.", nameof(events));
        }

        var completedBy = NodesByPosition(expectedSize, events.Count, nodes);
        var items = new List<TransactWriteItem>(1 + (2 * events.Count)) { Head(table, expectedSize, expectedSize + events.Count) };
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (e.Position != expectedSize + 1 + i)
            {
                throw new ArgumentException($"Event {i} of the append has position {e.Position}; after {expectedSize} leaves it must be {expectedSize + 1 + i}.", nameof(events));
            }

            if (!completedBy.TryGetValue(e.Position, out var own) || !own.Any(n => n.Level == 0))
            {
                throw new ArgumentException($"No leaf node was given for position {e.Position}.", nameof(nodes));
            }

            items.Add(PutNew(table, AuditLogItems.Marker(e)));
            items.Add(PutNew(table, AuditLogItems.Entry(e, own)));
        }

        var request = new TransactWriteItemsRequest { TransactItems = items };
        DynamoDbAppendLimits.Check(request);
        return request;
    }

    /// <summary>What a cancelled append's reasons say: refused (a condition failed), worth retrying, or a fault.</summary>
    public static Verdict Judge(IReadOnlyList<CancellationReason> reasons)
    {
        if (reasons.Any(r => r.Code == DynamoDbAppendTransaction.ConditionalCheckFailed))
        {
            return Verdict.Refused;
        }

        return reasons.All(r => r.Code is null || DynamoDbAppendTransaction.Transient.Contains(r.Code)) ? Verdict.Retry : Verdict.Fault;
    }

    private static Dictionary<long, List<MerkleNode>> NodesByPosition(long expectedSize, int count, IReadOnlyList<MerkleNode> nodes)
    {
        var byPosition = new Dictionary<long, List<MerkleNode>>();
        foreach (var node in nodes)
        {
            var position = AuditLogItems.PositionCompleting(node.Level, node.Index);
            if (position is not { } p || p <= expectedSize || p > expectedSize + count)
            {
                throw new ArgumentException($"Node {node.Index} at level {node.Level} is not completed by positions {expectedSize + 1}–{expectedSize + count}.", nameof(nodes));
            }

            if (!byPosition.TryGetValue(p, out var list))
            {
                list = [];
                byPosition[p] = list;
            }

            list.Add(node);
        }

        return byPosition;
    }

    private static TransactWriteItem Head(string table, long expectedSize, long newSize) => new()
    {
        Put = new Put
        {
            TableName = table,
            Item = AuditLogItems.Head(newSize),
            ConditionExpression = expectedSize == 0 ? "attribute_not_exists(#pk)" : "#size = :expected",
            ExpressionAttributeNames = expectedSize == 0 ? new() { ["#pk"] = Schema.PartitionKey } : new() { ["#size"] = AuditLogItems.Size },
            ExpressionAttributeValues = expectedSize == 0 ? null : new() { [":expected"] = DynamoDbEventItem.Number(expectedSize) },
        },
    };

    private static TransactWriteItem PutNew(string table, Dictionary<string, AttributeValue> item) => new()
    {
        Put = new Put
        {
            TableName = table,
            Item = item,
            ConditionExpression = "attribute_not_exists(#pk)",
            ExpressionAttributeNames = new() { ["#pk"] = Schema.PartitionKey },
        },
    };

    public enum Verdict
    {
        /// <summary>The head moved or an event already has a marker: the caller re-reads.</summary>
        Refused,

        /// <summary>A conflicting transaction on the same items, or throttling: the same request may go again.</summary>
        Retry,

        Fault,
    }
}
