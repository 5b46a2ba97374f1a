using System.Threading.Channels;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Payments.EventStore.Contract;

namespace Payments.Aws.EventStore;

/// <summary>
/// The process's one committer. Every append must advance the single position sequence item, so
/// concurrent appends from one process would only cancel each other's transactions; instead this
/// loop packs whatever appends are waiting (up to DynamoDB's 100 items per transaction, at most one
/// append per stream and per key) into one TransactWriteItems. A cancelled transaction is judged
/// append by append: a taken version or key settles that append, everything else goes again.
/// </summary>
internal sealed class DynamoDbGroupCommitWriter : IAsyncDisposable
{
    public const int MaxTransactItems = 100;
    private const long MaxTransactBytes = 3_000_000;
    private const int MaxRounds = 400;
    private const int MaxLookahead = 512;

    private readonly Channel<DynamoDbPendingAppend> _queue = Channel.CreateUnbounded<DynamoDbPendingAppend>(new UnboundedChannelOptions { SingleReader = true });
    private readonly IAmazonDynamoDB _client;
    private readonly DynamoDbEventStoreTables _tables;
    private readonly TimeProvider _time;
    private readonly Func<CancellationToken, Task<long>> _readHead;
    private readonly Task _loop;
    private List<DynamoDbPendingAppend> _waiting = [];
    private long? _knownHead;
    private int _contention;
    private long _transactions;

    public DynamoDbGroupCommitWriter(IAmazonDynamoDB client, DynamoDbEventStoreTables tables, TimeProvider time, Func<CancellationToken, Task<long>> readHead)
    {
        _client = client;
        _tables = tables;
        _time = time;
        _readHead = readHead;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Transactions committed; fewer than appends when appends are sharing them.</summary>
    public long TransactionCount => Interlocked.Read(ref _transactions);

    public Task<AppendResult> Enqueue(DynamoDbPendingAppend append) =>
        _queue.Writer.TryWrite(append) ? append.Completion.Task : throw new ObjectDisposedException(nameof(DynamoDbEventStore));

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        while (_waiting.Count > 0 || await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            var batch = TakeBatch();
            if (batch.Count > 0)
            {
                await Commit(batch).ConfigureAwait(false);
            }
        }
    }

    private List<DynamoDbPendingAppend> TakeBatch()
    {
        var batch = new List<DynamoDbPendingAppend>();
        var deferred = new List<DynamoDbPendingAppend>();
        var streams = new HashSet<StreamId>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var items = 1;
        var bytes = 0L;
        var full = false;
        foreach (var append in Candidates())
        {
            if (append.CancellationToken.IsCancellationRequested)
            {
                append.Completion.TrySetCanceled(append.CancellationToken);
                continue;
            }

            var fits = !full && items + append.ItemCount <= MaxTransactItems && (batch.Count == 0 || bytes + append.ApproximateBytes <= MaxTransactBytes);
            if (!fits || !streams.Add(append.Stream) || (append.Claim is { } claim && !keys.Add(claim.Key)))
            {
                full |= !fits;
                deferred.Add(append);
                continue;
            }

            batch.Add(append);
            items += append.ItemCount;
            bytes += append.ApproximateBytes;
        }

        _waiting = deferred;
        return batch;
    }

    private IEnumerable<DynamoDbPendingAppend> Candidates()
    {
        var waiting = _waiting;
        foreach (var append in waiting)
        {
            yield return append;
        }

        for (var read = 0; read < MaxLookahead && _queue.Reader.TryRead(out var append); read++)
        {
            yield return append;
        }
    }

    private async Task Commit(List<DynamoDbPendingAppend> batch)
    {
        var request = default(TransactWriteItemsRequest);
        var slots = default(List<DynamoDbAppendTransaction.Slot>);
        try
        {
            var seen = _knownHead ?? await _readHead(CancellationToken.None).ConfigureAwait(false);
            (request, slots) = DynamoDbAppendTransaction.Build(_tables, batch, seen, _time.GetUtcNow());
            await _client.TransactWriteItemsAsync(request, CancellationToken.None).ConfigureAwait(false);
            _knownHead = slots[^1].LastPosition;
            Interlocked.Increment(ref _transactions);
            _contention = 0;
            for (var i = 0; i < batch.Count; i++)
            {
                batch[i].Completion.TrySetResult(new AppendResult.Appended(batch[i].Drafts[^1].Version, slots[i].LastPosition));
            }
        }
        catch (TransactionCanceledException e) when (e.CancellationReasons is { } reasons && slots is not null && reasons.Count == request!.TransactItems.Count)
        {
            await Judge(batch, slots, reasons, e).ConfigureAwait(false);
        }
        catch (Exception fault)
        {
            _knownHead = null;
            foreach (var append in batch)
            {
                append.Completion.TrySetException(fault);
            }
        }
    }

    private async Task Judge(List<DynamoDbPendingAppend> batch, List<DynamoDbAppendTransaction.Slot> slots, List<CancellationReason> reasons, TransactionCanceledException cancelled)
    {
        if (DynamoDbAppendTransaction.HeadMoved(reasons))
        {
            _knownHead = null;
        }

        var again = new List<DynamoDbPendingAppend>();
        for (var i = 0; i < batch.Count; i++)
        {
            var append = batch[i];
            switch (DynamoDbAppendTransaction.Judge(reasons, slots[i], append.Claim, out var owner))
            {
                case DynamoDbAppendTransaction.Verdict.VersionTaken:
                    append.Completion.TrySetException(new WrongExpectedVersionException(append.Stream, append.Expected, null));
                    break;
                case DynamoDbAppendTransaction.Verdict.KeyTaken:
                    append.Completion.TrySetResult(owner!);
                    break;
                case DynamoDbAppendTransaction.Verdict.Fault:
                    append.Completion.TrySetException(cancelled);
                    break;
                default:
                    if (++append.Rounds > MaxRounds)
                    {
                        append.Completion.TrySetException(cancelled);
                    }
                    else
                    {
                        again.Add(append);
                    }

                    break;
            }
        }

        _waiting = [.. again, .. _waiting];
        if (again.Count == batch.Count)
        {
            // Nothing of ours was at fault: another process holds the sequence. Back off with jitter.
            _contention++;
            await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.Next(0, 1 + Math.Min(20, 2 * _contention)))).ConfigureAwait(false);
        }
    }
}
