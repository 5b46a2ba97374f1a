using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Payments.Application.Audit;
using Payments.Aws.EventStore;
using Payments.EventStore.Audit;
using Payments.EventStore.Contract;
using Items = Payments.Aws.Audit.AuditLogItems;
using Schema = Payments.Aws.Audit.DynamoDbAuditLogSchema;

namespace Payments.Aws.Audit;

/// <summary>
/// The cloud verifiable log in one DynamoDB table (<see cref="AuditLogItems"/> has the layout): the tree, the markers
/// that give each event one position, the sequenced events themselves (the cloud's ordered feed) and the checkpoints.
/// Only the sequencer writes it, off the events table's write path. Every read is strongly consistent, and the feed
/// and the leaves are read up to the head's size, whose items all committed with it, so a reader never sees a gap.
/// </summary>
public sealed class DynamoDbAuditLog(IAmazonDynamoDB client, string tableName, TimeProvider time) : IAuditLogStore
{
    /// <summary>What one transaction holds: the head plus a marker and an entry per event within DynamoDB's 100 items.</summary>
    public const int MaxEventsPerAppend = AuditLogAppend.MaxEvents;

    private const int MaxAttempts = 6;
    private const int MaxKeysPerBatchGet = 100;

    public async Task<long> Size(CancellationToken cancellationToken)
    {
        var response = await client.GetItemAsync(
            new GetItemRequest
            {
                TableName = tableName,
                Key = Items.HeadKey(),
                ConsistentRead = true,
                ProjectionExpression = "#size",
                ExpressionAttributeNames = new() { ["#size"] = Items.Size },
            },
            cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } head ? DynamoDbEventItem.Long(head, Items.Size) : 0;
    }

    public async ValueTask<byte[]> Node(int level, long index, CancellationToken cancellationToken)
    {
        var attribute = Items.NodeAttribute(level);
        var response = Items.PositionCompleting(level, index) is { } position
            ? await client.GetItemAsync(
                new GetItemRequest
                {
                    TableName = tableName,
                    Key = Items.EntryKey(position),
                    ConsistentRead = true,
                    ProjectionExpression = "#node",
                    ExpressionAttributeNames = new() { ["#node"] = attribute },
                },
                cancellationToken).ConfigureAwait(false)
            : null;
        return response?.Item is { Count: > 0 } entry && entry.ContainsKey(attribute)
            ? Items.Bytes(entry, attribute)
            : throw new KeyNotFoundException($"The audit tree has no node {index} at level {level}.");
    }

    public async Task<IReadOnlyList<byte[]>> Leaves(long fromIndex, int limit, CancellationToken cancellationToken)
    {
        var leaf = Items.NodeAttribute(0);
        var entries = await Entries(fromIndex, limit, "#leaf", new() { ["#leaf"] = leaf }, cancellationToken).ConfigureAwait(false);
        return entries.Select(entry => Items.Bytes(entry, leaf)).ToList();
    }

    /// <summary>
    /// The cloud's ordered feed: up to <paramref name="limit"/> sequenced events with position &gt;
    /// <paramref name="afterPosition"/>, in position order, each with its position. Resume from the last position seen.
    /// </summary>
    public async Task<IReadOnlyList<StoredEvent>> ReadAll(long afterPosition, int limit, CancellationToken cancellationToken)
    {
        var entries = await Entries(afterPosition, limit, null, null, cancellationToken).ConfigureAwait(false);
        return entries.Select(DynamoDbEventItem.ToStoredEvent).ToList();
    }

    /// <remarks>
    /// Conflicting transactions and throttling are retried here, a few times with the same client request token (so a
    /// commit whose answer was lost is not applied twice), then surface. Any other doubtful outcome surfaces at once:
    /// the caller's next round reads the markers, which is also how it learns of a commit reported as a refusal.
    /// </remarks>
    /// <exception cref="ArgumentException">More than <see cref="MaxEventsPerAppend"/> events, or events and nodes that do not continue the tree.</exception>
    public async Task<bool> Append(long expectedSize, IReadOnlyList<StoredEvent> events, IReadOnlyList<MerkleNode> nodes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        ArgumentNullException.ThrowIfNull(nodes);
        if (events.Count == 0)
        {
            return await Size(cancellationToken).ConfigureAwait(false) == expectedSize;
        }

        var request = AuditLogAppend.Build(tableName, expectedSize, events, nodes);
        request.ClientRequestToken = Guid.NewGuid().ToString("N");
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await client.TransactWriteItemsAsync(request, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (TransactionCanceledException e) when (e.CancellationReasons is { } reasons && reasons.Count == request.TransactItems.Count)
            {
                switch (AuditLogAppend.Judge(reasons))
                {
                    case AuditLogAppend.Verdict.Refused:
                        return false;
                    case AuditLogAppend.Verdict.Retry when attempt < MaxAttempts:
                        await Backoff(attempt, cancellationToken).ConfigureAwait(false);
                        break;
                    default:
                        throw;
                }
            }
        }
    }

    public async Task<IReadOnlyDictionary<(StreamId Stream, long Version), long>> Sequenced(IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        var found = new Dictionary<(StreamId, long), long>();
        // BatchGetItem refuses a request that names one key twice, and a batch may carry an event twice.
        foreach (var keys in events.Select(e => (e.StreamId, e.Version)).Distinct().Chunk(MaxKeysPerBatchGet))
        {
            var pending = new Dictionary<string, KeysAndAttributes>(StringComparer.Ordinal)
            {
                [tableName] = new KeysAndAttributes { Keys = keys.Select(k => Items.MarkerKey(k.StreamId, k.Version)).ToList(), ConsistentRead = true },
            };
            for (var attempt = 1; pending is not null; attempt++)
            {
                var response = await client.BatchGetItemAsync(new BatchGetItemRequest { RequestItems = pending }, cancellationToken).ConfigureAwait(false);
                foreach (var (key, position) in (response.Responses?.GetValueOrDefault(tableName) ?? []).Select(Items.ToMarker))
                {
                    found[key] = position;
                }

                pending = response.UnprocessedKeys is { Count: > 0 } unprocessed ? unprocessed : null;
                if (pending is not null)
                {
                    if (attempt >= MaxAttempts)
                    {
                        throw new TimeoutException($"DynamoDB left audit log markers unread after {attempt} attempts (throttled).");
                    }

                    await Backoff(attempt, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        return found;
    }

    /// <summary>Keeps the newest checkpoint of each tree size; an equal or older one for a size already kept is ignored.</summary>
    public async Task SaveCheckpoint(SignedCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        var item = Items.Checkpoint(checkpoint);
        try
        {
            await client.PutItemAsync(
                new PutItemRequest
                {
                    TableName = tableName,
                    Item = item,
                    ConditionExpression = "attribute_not_exists(#pk) OR #at < :at",
                    ExpressionAttributeNames = new() { ["#pk"] = Schema.PartitionKey, ["#at"] = Items.IssuedAt },
                    ExpressionAttributeValues = new() { [":at"] = item[Items.IssuedAt] },
                },
                cancellationToken).ConfigureAwait(false);
        }
        catch (ConditionalCheckFailedException)
        {
            // A checkpoint of this size at least as new is kept already.
        }
    }

    public async Task<SignedCheckpoint?> LatestCheckpoint(CancellationToken cancellationToken)
    {
        var response = await client.QueryAsync(
            new QueryRequest
            {
                TableName = tableName,
                ConsistentRead = true,
                KeyConditionExpression = "#pk = :pk",
                ExpressionAttributeNames = new() { ["#pk"] = Schema.PartitionKey },
                ExpressionAttributeValues = new() { [":pk"] = new AttributeValue { S = Items.Checkpoints } },
                ScanIndexForward = false,
                Limit = 1,
            },
            cancellationToken).ConfigureAwait(false);
        return response.Items is [var latest, ..] ? Items.ToCheckpoint(latest) : null;
    }

    /// <summary>Entries after <paramref name="afterPosition"/>, at most <paramref name="limit"/>, up to the head, bucket by bucket.</summary>
    private async Task<List<Dictionary<string, AttributeValue>>> Entries(
        long afterPosition, int limit, string? projection, Dictionary<string, string>? names, CancellationToken cancellationToken)
    {
        var first = Math.Max(afterPosition, 0) + 1;
        var size = limit > 0 ? await Size(cancellationToken).ConfigureAwait(false) : 0;
        var entries = new List<Dictionary<string, AttributeValue>>();
        if (first > size)
        {
            return entries;
        }

        var last = Math.Min(size, first - 1 + limit);
        for (var bucket = first / Items.EntriesPerBucket; bucket <= last / Items.EntriesPerBucket; bucket++)
        {
            var request = new QueryRequest
            {
                TableName = tableName,
                ConsistentRead = true,
                KeyConditionExpression = "#pk = :bucket AND #sk BETWEEN :from AND :to",
                ExpressionAttributeNames = new(names ?? []) { ["#pk"] = Schema.PartitionKey, ["#sk"] = Schema.SortKey },
                ExpressionAttributeValues = new()
                {
                    [":bucket"] = new AttributeValue { S = Items.EntryBucket(bucket * Items.EntriesPerBucket) },
                    [":from"] = DynamoDbEventItem.Number(Math.Max(first, bucket * Items.EntriesPerBucket)),
                    [":to"] = DynamoDbEventItem.Number(Math.Min(last, ((bucket + 1) * Items.EntriesPerBucket) - 1)),
                },
                ProjectionExpression = projection,
            };
            entries.AddRange(await DynamoDbPages.Query(client, request, cancellationToken).ConfigureAwait(false));
        }

        return entries;
    }

    private Task Backoff(int attempt, CancellationToken cancellationToken) =>
        Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10 << attempt)), time, cancellationToken);
}
