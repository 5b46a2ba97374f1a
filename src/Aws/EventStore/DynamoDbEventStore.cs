using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Payments.EventStore.Contract;
using Payments.EventStore.Integrity;
using A = Payments.Aws.EventStore.DynamoDbEventAttributes;

namespace Payments.Aws.EventStore;

/// <summary>
/// The cloud event store. Appends commit through TransactWriteItems: the events (each conditional
/// on its (payment_id, version) not existing), the idempotency key on a first append (conditional
/// on not existing, returning the owner when taken), and the global position sequence advanced
/// from the value seen (condition value = seen), so positions are gap-free and in commit order.
/// Appends waiting at the same time share one transaction (see <see cref="DynamoDbGroupCommitWriter"/>).
/// Only DynamoDB's cancellation reasons are translated; everything else keeps its own exception.
/// </summary>
public sealed class DynamoDbEventStore : IEventStore, IAsyncDisposable
{
    private const string PositionSequence = "events";

    private readonly IAmazonDynamoDB _client;
    private readonly DynamoDbEventStoreTables _tables;
    private readonly TimeProvider _time;
    private readonly DynamoDbGroupCommitWriter _writer;

    public DynamoDbEventStore(IAmazonDynamoDB client, DynamoDbEventStoreTables tables, TimeProvider time)
    {
        _client = client;
        _tables = tables;
        _time = time;
        _writer = new DynamoDbGroupCommitWriter(client, tables, time, LastPosition);
    }

    /// <summary>Committed append transactions of this instance; fewer than appends under concurrency.</summary>
    public long TransactionCount => _writer.TransactionCount;

    public async Task<AppendResult> Append(StreamId stream, ExpectedVersion expected, IReadOnlyList<NewEvent> events, UniqueKeyClaim? claim = null, CancellationToken cancellationToken = default)
    {
        AppendValidation.Check(expected, events, claim);
        var previousHash = await PreviousHash(stream, expected, cancellationToken).ConfigureAwait(false);
        var drafts = Draft(stream, expected, events, previousHash, _time.GetUtcNow());
        return await _writer.Enqueue(new DynamoDbPendingAppend(stream, expected, drafts, claim, cancellationToken)).ConfigureAwait(false);
    }

    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    public async Task<IReadOnlyList<StoredEvent>> ReadStream(StreamId stream, long fromVersion = 1, CancellationToken cancellationToken = default)
    {
        var events = new List<StoredEvent>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await _client.QueryAsync(
                new QueryRequest
                {
                    TableName = _tables.Events,
                    ConsistentRead = true,
                    KeyConditionExpression = "#id = :id AND #v >= :from",
                    ExpressionAttributeNames = new() { ["#id"] = A.PaymentId, ["#v"] = A.Version },
                    ExpressionAttributeValues = new() { [":id"] = new AttributeValue { S = stream.Value }, [":from"] = DynamoDbEventItem.Number(fromVersion) },
                    ExclusiveStartKey = start,
                },
                cancellationToken).ConfigureAwait(false);
            events.AddRange((page.Items ?? []).Select(DynamoDbEventItem.ToStoredEvent));
            start = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (start is not null);

        return events;
    }

    /// <summary>
    /// Reads the by_position index page by page. The index is eventually consistent, so only the
    /// contiguous run after <paramref name="afterPosition"/> is returned: positions have no gaps,
    /// so a missing one is merely not visible yet and the caller will see it on its next read.
    /// </summary>
    public async Task<IReadOnlyList<StoredEvent>> ReadAll(long afterPosition, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var head = await LastPosition(cancellationToken).ConfigureAwait(false);
        var events = new List<StoredEvent>();
        var next = afterPosition + 1;
        while (events.Count < limit && next <= head)
        {
            var found = await ReadLogPage(next, limit - events.Count, cancellationToken).ConfigureAwait(false);
            foreach (var e in found)
            {
                if (e.Position != next)
                {
                    return events;
                }

                events.Add(e);
                next++;
            }

            if (found.Count == 0)
            {
                return events;
            }
        }

        return events;
    }

    public async Task<AppendResult.UniqueKeyTaken?> FindKeyOwner(string key, CancellationToken cancellationToken = default)
    {
        var response = await _client.GetItemAsync(
            new GetItemRequest { TableName = _tables.UniqueKeys, ConsistentRead = true, Key = new() { [A.UniqueKey] = new AttributeValue { S = key } } },
            cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? DynamoDbAppendTransaction.Owner(key, item) : null;
    }

    /// <summary>The last committed global position (0 before the first append).</summary>
    public async Task<long> LastPosition(CancellationToken cancellationToken)
    {
        var response = await _client.GetItemAsync(
            new GetItemRequest { TableName = _tables.Sequences, ConsistentRead = true, Key = new() { [A.SequenceName] = new AttributeValue { S = PositionSequence } } },
            cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? DynamoDbEventItem.Long(item, A.SequenceValue) : 0;
    }

    internal static string SequenceKey => PositionSequence;

    private async Task<List<StoredEvent>> ReadLogPage(long from, int limit, CancellationToken cancellationToken)
    {
        var response = await _client.QueryAsync(
            new QueryRequest
            {
                TableName = _tables.Events,
                IndexName = A.ByPositionIndex,
                KeyConditionExpression = "#page = :page AND #p >= :from",
                ExpressionAttributeNames = new() { ["#page"] = A.LogPage, ["#p"] = A.Position },
                ExpressionAttributeValues = new() { [":page"] = DynamoDbEventItem.Number(from / A.PositionsPerLogPage), [":from"] = DynamoDbEventItem.Number(from) },
                Limit = limit,
            },
            cancellationToken).ConfigureAwait(false);
        return (response.Items ?? []).Select(DynamoDbEventItem.ToStoredEvent).ToList();
    }

    private async Task<string> PreviousHash(StreamId stream, ExpectedVersion expected, CancellationToken cancellationToken)
    {
        if (expected == ExpectedVersion.NoStream)
        {
            return EventHashChain.Genesis;
        }

        var response = await _client.GetItemAsync(
            new GetItemRequest
            {
                TableName = _tables.Events,
                ConsistentRead = true,
                Key = new() { [A.PaymentId] = new AttributeValue { S = stream.Value }, [A.Version] = DynamoDbEventItem.Number(expected.Value) },
                ProjectionExpression = "#h",
                ExpressionAttributeNames = new() { ["#h"] = A.Hash },
            },
            cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } head
            ? DynamoDbEventItem.Text(head, A.Hash)
            : throw new WrongExpectedVersionException(stream, expected, null);
    }

    private static List<StoredEvent> Draft(StreamId stream, ExpectedVersion expected, IReadOnlyList<NewEvent> events, string previousHash, DateTimeOffset now)
    {
        var drafts = new List<StoredEvent>(events.Count);
        var version = expected.Value;
        foreach (var e in events)
        {
            version++;
            var hash = EventHashChain.Compute(previousHash, stream, version, e.Type, e.SchemaVersion, now, e.Data, e.Metadata);
            drafts.Add(new StoredEvent(stream, version, 0, e.Type, e.SchemaVersion, now, e.Data, e.Metadata, hash));
            previousHash = hash;
        }

        return drafts;
    }
}
