using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Payments.EventStore.Contract;
using Payments.EventStore.Integrity;
using A = Payments.Aws.EventStore.DynamoDbEventAttributes;

namespace Payments.Aws.EventStore;

/// <summary>
/// The cloud event store. An append is one TransactWriteItems over its own items only (see
/// <see cref="DynamoDbAppendTransaction"/>): no item is shared between payments, so writers scale with DynamoDB's
/// partitions instead of queueing on one global counter. There is no global position on this write path
/// (<see cref="StoredEvent.Position"/> is 0): the cloud's global order comes from a sequencer consuming the events
/// stream. Only DynamoDB's cancellation reasons are translated; everything else keeps its own exception.
/// </summary>
public sealed class DynamoDbEventStore(IAmazonDynamoDB client, DynamoDbEventStoreTables tables, TimeProvider time) : IEventStore, IAsyncDisposable
{
    /// <summary>Conflicting transactions on the same stream resolve in a few tries; the loser then sees the version taken.</summary>
    private const int MaxAttempts = 8;

    private readonly IAmazonDynamoDB _client = client;
    private readonly DynamoDbEventStoreTables _tables = tables;
    private readonly TimeProvider _time = time;

    public async Task<AppendResult> Append(StreamId stream, ExpectedVersion expected, IReadOnlyList<NewEvent> events, UniqueKeyClaim? claim = null, CancellationToken cancellationToken = default)
    {
        AppendValidation.Check(expected, events, claim);
        var previousHash = await PreviousHash(stream, expected, cancellationToken).ConfigureAwait(false);
        var drafts = Draft(stream, expected, events, previousHash, _time.GetUtcNow());
        var (request, keyIndex) = DynamoDbAppendTransaction.Build(_tables, stream, drafts, claim, _time.GetUtcNow());
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _client.TransactWriteItemsAsync(request, cancellationToken).ConfigureAwait(false);
                return new AppendResult.Appended(drafts[^1].Version, 0);
            }
            catch (TransactionCanceledException e) when (e.CancellationReasons is { } reasons && reasons.Count == request.TransactItems.Count)
            {
                switch (DynamoDbAppendTransaction.Judge(reasons, keyIndex, claim, out var owner))
                {
                    case DynamoDbAppendTransaction.Verdict.VersionTaken:
                        throw new WrongExpectedVersionException(stream, expected, null);
                    case DynamoDbAppendTransaction.Verdict.KeyTaken:
                        return owner!;
                    case DynamoDbAppendTransaction.Verdict.Retry when attempt < MaxAttempts:
                        await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10 * attempt)), _time, cancellationToken).ConfigureAwait(false);
                        break;
                    default:
                        throw;
                }
            }
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>Every payment's stream, from its first events (a scan: for rebuilds and audits, not for the request path).</summary>
    public async Task<IReadOnlyList<StreamId>> StreamIds(CancellationToken cancellationToken)
    {
        var streams = new List<StreamId>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await _client.ScanAsync(
                new ScanRequest
                {
                    TableName = _tables.Events,
                    ConsistentRead = true,
                    FilterExpression = "#v = :first",
                    ProjectionExpression = "#id",
                    ExpressionAttributeNames = new() { ["#id"] = A.PaymentId, ["#v"] = A.Version },
                    ExpressionAttributeValues = new() { [":first"] = DynamoDbEventItem.Number(1) },
                    ExclusiveStartKey = start,
                },
                cancellationToken).ConfigureAwait(false);
            streams.AddRange((page.Items ?? []).Select(item => new StreamId(DynamoDbEventItem.Text(item, A.PaymentId))));
            start = page.LastEvaluatedKey is { Count: > 0 } next ? next : null;
        }
        while (start is not null);

        return streams;
    }

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

    public async Task<AppendResult.UniqueKeyTaken?> FindKeyOwner(string key, CancellationToken cancellationToken = default)
    {
        var response = await _client.GetItemAsync(
            new GetItemRequest { TableName = _tables.UniqueKeys, ConsistentRead = true, Key = new() { [A.UniqueKey] = new AttributeValue { S = key } } },
            cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? DynamoDbAppendTransaction.Owner(key, item) : null;
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
