using System.Diagnostics;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Payments.EventStore.Contract;
using Payments.EventStore.Integrity;
using Payments.EventStore.Serialization;
using Payments.EventStore.Telemetry;
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

    /// <summary>The <c>store</c> tag of this backend's commits.</summary>
    private const string Store = "dynamodb";

    private readonly IAmazonDynamoDB _client = client;
    private readonly DynamoDbEventStoreTables _tables = tables;
    private readonly TimeProvider _time = time;

    /// <remarks>
    /// An append is checked against DynamoDB's limits before anything is sent (<see cref="DynamoDbAppendLimits"/>).
    /// Once sent, an error does not prove the write failed: a timeout, a dropped connection or a 5xx after the SDK's
    /// own retries may follow a commit, and a retry of a committed transaction fails its conditions. So every doubtful
    /// outcome is settled by reading the first drafted event back: if it is ours (same hash, which covers the previous
    /// hash, data, metadata and time), the append committed and is reported as such; if the version is free, the same
    /// request (same client request token, so DynamoDB deduplicates it) goes again; a conditional check never lets it
    /// land twice.
    /// </remarks>
    public async Task<AppendResult> Append(StreamId stream, ExpectedVersion expected, IReadOnlyList<NewEvent> events, UniqueKeyClaim? claim = null, CancellationToken cancellationToken = default)
    {
        AppendValidation.Check(expected, events, claim);
        using var span = EventStoreTelemetry.StartAppend(Store, stream.Value, events.Count);
        var started = _time.GetTimestamp();
        try
        {
            var result = await Commit(stream, expected, events, claim, cancellationToken).ConfigureAwait(false);
            if (result is AppendResult.Appended)
            {
                // One transaction carries exactly this append's events: the batch is the append.
                EventStoreTelemetry.RecordCommit(Store, _time.GetElapsedTime(started), events.Count);
                span?.SetTag(EventStoreTelemetry.BatchSizeTag, events.Count);
            }

            return result;
        }
        catch (Exception e)
        {
            span?.SetStatus(ActivityStatusCode.Error, e.Message);
            throw;
        }
    }

    private async Task<AppendResult> Commit(StreamId stream, ExpectedVersion expected, IReadOnlyList<NewEvent> events, UniqueKeyClaim? claim, CancellationToken cancellationToken)
    {
        var previousHash = await PreviousHash(stream, expected, cancellationToken).ConfigureAwait(false);
        var drafts = Draft(stream, expected, events, previousHash, _time.GetUtcNow());
        var (request, keyIndex) = DynamoDbAppendTransaction.Build(_tables, stream, drafts, claim, _time.GetUtcNow());
        DynamoDbAppendLimits.Check(request);
        request.ClientRequestToken = Guid.NewGuid().ToString("N");
        var committed = new AppendResult.Appended(drafts[^1].Version, 0);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await _client.TransactWriteItemsAsync(request, cancellationToken).ConfigureAwait(false);
                return committed;
            }
            catch (TransactionCanceledException e) when (e.CancellationReasons is { } reasons && reasons.Count == request.TransactItems.Count)
            {
                switch (DynamoDbAppendTransaction.Judge(reasons, keyIndex, claim, out var owner))
                {
                    // A condition failing against our own earlier, unacknowledged attempt is a success, not a conflict.
                    case DynamoDbAppendTransaction.Verdict.VersionTaken:
                        return await IsCommitted(drafts[0], cancellationToken).ConfigureAwait(false)
                            ? committed
                            : throw new WrongExpectedVersionException(stream, expected, null);
                    case DynamoDbAppendTransaction.Verdict.KeyTaken:
                        return owner!.OwnerStream == stream && await IsCommitted(drafts[0], cancellationToken).ConfigureAwait(false) ? committed : owner;
                    case DynamoDbAppendTransaction.Verdict.Retry when attempt < MaxAttempts:
                        await Backoff(attempt, cancellationToken).ConfigureAwait(false);
                        break;
                    default:
                        throw;
                }
            }
            catch (Exception e) when (MayHaveReachedDynamoDb(e, cancellationToken))
            {
                bool landed;
                try
                {
                    landed = await IsCommitted(drafts[0], cancellationToken).ConfigureAwait(false);
                }
                catch (Exception unreadable) when (MayHaveReachedDynamoDb(unreadable, cancellationToken))
                {
                    // Neither the write nor the read got an answer: the outcome stays unknown, which the caller must
                    // learn as an error; a retry with the same idempotency key settles it.
                    throw new AggregateException($"Append to {stream} may or may not have committed; reading it back failed too.", e, unreadable);
                }

                if (landed)
                {
                    return committed;
                }

                if (attempt >= MaxAttempts || IsDefiniteRefusal(e))
                {
                    throw;
                }

                await Backoff(attempt, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    /// <summary>Every payment's stream, from its first events (a scan: for rebuilds and audits, not for the request path).</summary>
    public async Task<IReadOnlyList<StreamId>> StreamIds(CancellationToken cancellationToken)
    {
        var firsts = await DynamoDbPages.Scan(
            _client,
            new ScanRequest
            {
                TableName = _tables.Events,
                ConsistentRead = true,
                FilterExpression = "#v = :first",
                ProjectionExpression = "#id",
                ExpressionAttributeNames = new() { ["#id"] = A.PaymentId, ["#v"] = A.Version },
                ExpressionAttributeValues = new() { [":first"] = DynamoDbEventItem.Number(1) },
            },
            cancellationToken).ConfigureAwait(false);
        return firsts.Select(item => new StreamId(DynamoDbEventItem.Text(item, A.PaymentId))).ToList();
    }

    public async Task<IReadOnlyList<StoredEvent>> ReadStream(StreamId stream, long fromVersion = 1, CancellationToken cancellationToken = default)
    {
        var items = await DynamoDbPages.Query(
            _client,
            new QueryRequest
            {
                TableName = _tables.Events,
                ConsistentRead = true,
                KeyConditionExpression = "#id = :id AND #v >= :from",
                ExpressionAttributeNames = new() { ["#id"] = A.PaymentId, ["#v"] = A.Version },
                ExpressionAttributeValues = new() { [":id"] = new AttributeValue { S = stream.Value }, [":from"] = DynamoDbEventItem.Number(fromVersion) },
            },
            cancellationToken).ConfigureAwait(false);
        return items.Select(DynamoDbEventItem.ToStoredEvent).ToList();
    }

    public async Task<AppendResult.UniqueKeyTaken?> FindKeyOwner(string key, CancellationToken cancellationToken = default)
    {
        var response = await _client.GetItemAsync(
            new GetItemRequest { TableName = _tables.UniqueKeys, ConsistentRead = true, Key = new() { [A.UniqueKey] = new AttributeValue { S = key } } },
            cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item ? DynamoDbAppendTransaction.Owner(key, item) : null;
    }

    /// <summary>Whether the event drafted at its version is stored, and is ours, not another writer's.</summary>
    private async Task<bool> IsCommitted(StoredEvent first, CancellationToken cancellationToken)
    {
        var response = await _client.GetItemAsync(
            new GetItemRequest
            {
                TableName = _tables.Events,
                ConsistentRead = true,
                Key = new() { [A.PaymentId] = new AttributeValue { S = first.StreamId.Value }, [A.Version] = DynamoDbEventItem.Number(first.Version) },
                ProjectionExpression = "#h",
                ExpressionAttributeNames = new() { ["#h"] = A.Hash },
            },
            cancellationToken).ConfigureAwait(false);
        return response.Item is { Count: > 0 } item && DynamoDbEventItem.Text(item, A.Hash) == first.Hash;
    }

    /// <summary>
    /// Anything but the caller's own cancellation may follow a request DynamoDB received and applied: the SDK's last
    /// retry reports only its own failure, whatever an earlier attempt did.
    /// </summary>
    private static bool MayHaveReachedDynamoDb(Exception e, CancellationToken cancellationToken) =>
        e is not TransactionCanceledException && !(e is OperationCanceledException && cancellationToken.IsCancellationRequested);

    /// <summary>A request DynamoDB rejected as malformed or unauthorized: sending it again cannot help.</summary>
    private static bool IsDefiniteRefusal(Exception e) =>
        e is Amazon.Runtime.AmazonServiceException { StatusCode: System.Net.HttpStatusCode.BadRequest or System.Net.HttpStatusCode.Forbidden or System.Net.HttpStatusCode.NotFound } refused
        && refused.ErrorCode is not ("ProvisionedThroughputExceededException" or "ThrottlingException" or "RequestLimitExceeded" or "TransactionInProgressException");

    private Task Backoff(int attempt, CancellationToken cancellationToken) =>
        Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(1, 10 * attempt)), _time, cancellationToken);

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
            var metadata = MetadataJson.Serialize(e.Metadata);
            var hash = EventHashChain.ComputeStored(EventHashScheme.StoredBytes, previousHash, 0, stream, version, e.Type, e.SchemaVersion, EventHashChain.FormatTime(now), e.Data, metadata);
            drafts.Add(new StoredEvent(stream, version, 0, e.Type, e.SchemaVersion, now, e.Data, e.Metadata, hash, EventHashScheme.StoredBytes, metadata));
            previousHash = hash;
        }

        return drafts;
    }
}
