using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Payments.EventStore.Contract;
using Payments.EventStore.Integrity;
using A = Payments.EventStore.DynamoDb.DynamoDbEventAttributes;

namespace Payments.EventStore.DynamoDb;

/// <summary>
/// The cloud event store. One append is one TransactWriteItems: the events (each conditional on
/// its (payment_id, version) not existing), the idempotency key on a first append, and the global
/// position sequence advanced from the value read just before (condition value = seen). Only
/// DynamoDB's cancellation reasons are translated here; everything else keeps its own exception.
/// </summary>
public sealed class DynamoDbEventStore(IAmazonDynamoDB client, DynamoDbEventStoreTables tables, TimeProvider time) : IEventStore, IDisposable
{
    private const int MaxContentionRetries = 400;
    private const string PositionSequence = "events";

    private readonly SemaphoreSlim _sequenceGate = new(1, 1);
    private long? _knownHead;

    public async Task<AppendResult> Append(StreamId stream, ExpectedVersion expected, IReadOnlyList<NewEvent> events, UniqueKeyClaim? claim = null, CancellationToken cancellationToken = default)
    {
        AppendValidation.Check(expected, events, claim);
        var previousHash = await PreviousHash(stream, expected, cancellationToken).ConfigureAwait(false);
        var drafts = Draft(stream, expected, events, previousHash, time.GetUtcNow());

        // Appends from this process take positions one at a time: racing our own writers for the
        // sequence item would only turn into cancelled transactions and backoff.
        await _sequenceGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await AppendInOrder(stream, expected, drafts, claim, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sequenceGate.Release();
        }
    }

    private async Task<AppendResult> AppendInOrder(StreamId stream, ExpectedVersion expected, List<StoredEvent> drafts, UniqueKeyClaim? claim, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var seen = _knownHead ?? await LastPosition(cancellationToken).ConfigureAwait(false);
            try
            {
                await client.TransactWriteItemsAsync(DynamoDbAppendTransaction.Build(tables, drafts, seen, claim, stream, time.GetUtcNow()), cancellationToken)
                    .ConfigureAwait(false);
                _knownHead = seen + drafts.Count;
                return new AppendResult.Appended(drafts[^1].Version, seen + drafts.Count);
            }
            catch (TransactionCanceledException e) when (DynamoDbAppendTransaction.VersionTaken(e, claim))
            {
                throw new WrongExpectedVersionException(stream, expected, null);
            }
            catch (TransactionCanceledException e) when (DynamoDbAppendTransaction.KeyTaken(e, claim, out var owner))
            {
                return owner;
            }
            catch (TransactionCanceledException e) when (DynamoDbAppendTransaction.OnlyContention(e) && attempt < MaxContentionRetries)
            {
                // Another process took the next position first: re-read the head, back off with jitter, take the one after it.
                _knownHead = null;
                if (attempt > 0)
                {
                    await Task.Delay(Backoff(attempt), cancellationToken).ConfigureAwait(false);
                }
            }
            catch
            {
                _knownHead = null;
                throw;
            }
        }
    }

    public void Dispose() => _sequenceGate.Dispose();

    public async Task<IReadOnlyList<StoredEvent>> ReadStream(StreamId stream, long fromVersion = 1, CancellationToken cancellationToken = default)
    {
        var events = new List<StoredEvent>();
        Dictionary<string, AttributeValue>? start = null;
        do
        {
            var page = await client.QueryAsync(
                new QueryRequest
                {
                    TableName = tables.Events,
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
        var response = await client.GetItemAsync(
            new GetItemRequest { TableName = tables.UniqueKeys, ConsistentRead = true, Key = new() { [A.UniqueKey] = new AttributeValue { S = key } } },
            cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? DynamoDbAppendTransaction.Owner(key, item) : null;
    }

    /// <summary>The last committed global position (0 before the first append).</summary>
    public async Task<long> LastPosition(CancellationToken cancellationToken)
    {
        var response = await client.GetItemAsync(
            new GetItemRequest { TableName = tables.Sequences, ConsistentRead = true, Key = new() { [A.SequenceName] = new AttributeValue { S = PositionSequence } } },
            cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? DynamoDbEventItem.Long(item, A.SequenceValue) : 0;
    }

    internal static string SequenceKey => PositionSequence;

    private async Task<List<StoredEvent>> ReadLogPage(long from, int limit, CancellationToken cancellationToken)
    {
        var response = await client.QueryAsync(
            new QueryRequest
            {
                TableName = tables.Events,
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

        var response = await client.GetItemAsync(
            new GetItemRequest
            {
                TableName = tables.Events,
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

    private static TimeSpan Backoff(int attempt) =>
        TimeSpan.FromMilliseconds(Random.Shared.Next(1, 2 + Math.Min(20, 2 * attempt)));
}
