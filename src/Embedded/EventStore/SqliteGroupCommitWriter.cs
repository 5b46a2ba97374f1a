using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Payments.EventStore.Contract;
using Payments.EventStore.Telemetry;

namespace Payments.Embedded.EventStore;

/// <summary>
/// The only writer of the file. It drains every append waiting in the channel, applies each under
/// its own savepoint (a refused append never undoes its neighbours), commits them in one
/// transaction and completes each caller only after that commit's fsync. One fsync serves the
/// whole batch, which is how concurrent appends get past the one-commit-per-fsync ceiling.
/// It is fail-stop: after an I/O error, a full disk or a corrupt or read-only file it faults (see
/// <see cref="EventStoreFaultedException"/>): the batch that met the error, every append still queued and every later
/// one fail at once, because after such an error SQLite's view of the file can no longer be trusted to commit.
/// </summary>
internal sealed class SqliteGroupCommitWriter : IAsyncDisposable
{
    private const int MaxBatch = 1024;

    /// <summary>The <c>store</c> tag of this backend's commits.</summary>
    public const string Store = "sqlite";

    private readonly Channel<PendingAppend> _queue = Channel.CreateBounded<PendingAppend>(
        new BoundedChannelOptions(16 * MaxBatch) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly SqliteConnection _connection;
    private readonly SqliteAppendStatements _statements;
    private readonly TimeProvider _time;
    private readonly Action<long> _onCommitted;
    private readonly Task _loop;
    private readonly TaskCompletionSource<EventStoreFaultedException> _faulted = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile EventStoreFaultedException? _fault;
    private long _commits;

    public SqliteGroupCommitWriter(SqliteConnection connection, TimeProvider time, Action<long> onCommitted)
    {
        _connection = connection;
        _statements = new SqliteAppendStatements(connection);
        _time = time;
        _onCommitted = onCommitted;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Transactions committed so far; fewer than appends when group commit is sharing fsyncs.</summary>
    public long CommitCount => Interlocked.Read(ref _commits);

    /// <summary>The fault that stopped the writer, or null while it is healthy.</summary>
    public EventStoreFaultedException? Fault => _fault;

    /// <summary>Completes when the writer faults; never while it is healthy.</summary>
    public Task<EventStoreFaultedException> Faulted => _faulted.Task;

    public async Task<AppendResult> Enqueue(PendingAppend append)
    {
        if (Fault is { } fault)
        {
            throw Refusal(fault);
        }

        try
        {
            await _queue.Writer.WriteAsync(append, append.CancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException) when (Fault is { } closedBy)
        {
            throw Refusal(closedBy);
        }

        return await append.Completion.Task.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        _statements.Dispose();
    }

    private async Task RunAsync()
    {
        var batch = new List<PendingAppend>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var append))
            {
                if (Fault is { } fault)
                {
                    append.Completion.TrySetException(Refusal(fault));
                }
                else if (!append.Completion.Task.IsCompleted && !append.CancellationToken.IsCancellationRequested)
                {
                    batch.Add(append);
                }
                else
                {
                    append.Completion.TrySetCanceled(append.CancellationToken);
                }
            }

            if (batch.Count > 0)
            {
                CommitBatch(batch);
            }
        }
    }

    private void CommitBatch(List<PendingAppend> batch)
    {
        var outcomes = new Outcome[batch.Count];
        var failure = TryCommit(batch, outcomes);
        if (failure is null)
        {
            Complete(batch, outcomes);
            return;
        }

        if (FatalReason(failure) is { } reason)
        {
            var fault = new EventStoreFaultedException(reason, failure);
            _fault = fault;
            _faulted.TrySetResult(fault);
            _queue.Writer.TryComplete();
            foreach (var append in batch)
            {
                append.Completion.TrySetException(Refusal(fault));
            }

            return;
        }

        foreach (var append in batch)
        {
            append.Completion.TrySetException(failure);
        }
    }

    private Exception? TryCommit(List<PendingAppend> batch, Outcome[] outcomes)
    {
        SqliteTransaction? transaction = null;
        Exception? failure = null;
        try
        {
            var started = _time.GetTimestamp();
            transaction = _connection.BeginTransaction();
            _statements.Enlist(transaction);
            var now = _time.GetUtcNow();
            for (var i = 0; i < batch.Count; i++)
            {
                outcomes[i] = ApplyUnderSavepoint(transaction, batch[i], now);
            }

            transaction.Commit();
            Interlocked.Increment(ref _commits);
            var events = 0;
            foreach (var append in batch)
            {
                events += append.Events.Count;
            }

            foreach (var append in batch)
            {
                append.CommittedWith = events;
            }

            EventStoreTelemetry.RecordCommit(Store, _time.GetElapsedTime(started), events);
        }
        catch (Exception e)
        {
            failure = e;
        }

        try
        {
            transaction?.Dispose();
        }
        catch (SqliteException) when (failure is not null)
        {
            // After an I/O error SQLite may already have rolled back; the first error is the one that explains it.
        }

        return failure;
    }

    /// <summary>Why the file can no longer be trusted to commit, or null when the error concerns this batch only.</summary>
    private static string? FatalReason(Exception failure) => failure is SqliteException e
        ? e.SqliteErrorCode switch
        {
            SQLitePCL.raw.SQLITE_FULL => "disk full (SQLITE_FULL) at commit",
            SQLitePCL.raw.SQLITE_IOERR => $"I/O error (SQLITE_IOERR, extended code {e.SqliteExtendedErrorCode}) at commit",
            SQLitePCL.raw.SQLITE_CORRUPT or SQLitePCL.raw.SQLITE_NOTADB => "the events file is corrupt (SQLITE_CORRUPT)",
            SQLitePCL.raw.SQLITE_READONLY => "the events file became read-only (SQLITE_READONLY)",
            _ => null,
        }
        : null;

    /// <summary>A fresh exception per refused caller, each with its own stack, all naming the one cause.</summary>
    private static EventStoreFaultedException Refusal(EventStoreFaultedException fault) => new(fault.Reason, fault.InnerException);

    private void Complete(List<PendingAppend> batch, Outcome[] outcomes)
    {
        var lastPosition = 0L;
        for (var i = 0; i < batch.Count; i++)
        {
            if (outcomes[i].Result is AppendResult.Appended appended)
            {
                lastPosition = Math.Max(lastPosition, appended.Position);
            }
        }

        if (lastPosition > 0)
        {
            _onCommitted(lastPosition);
        }

        for (var i = 0; i < batch.Count; i++)
        {
            if (outcomes[i].Error is { } error)
            {
                batch[i].Completion.TrySetException(error);
            }
            else
            {
                batch[i].Completion.TrySetResult(outcomes[i].Result!);
            }
        }
    }

    private Outcome ApplyUnderSavepoint(SqliteTransaction transaction, PendingAppend append, DateTimeOffset now)
    {
        const string savepoint = "append";
        transaction.Save(savepoint);
        try
        {
            var result = _statements.Write(append, now);
            transaction.Release(savepoint);
            return new Outcome(result, null);
        }
        catch (WrongExpectedVersionException conflict)
        {
            Undo(transaction, savepoint);
            return new Outcome(null, conflict);
        }
        catch (SqliteException e) when (FatalReason(e) is null)
        {
            // A constraint or rule this append broke (SqliteAppendStatements tells a version clash from a key clash):
            // its own failure, never its neighbours'.
            Undo(transaction, savepoint);
            return new Outcome(null, e);
        }
    }

    private static void Undo(SqliteTransaction transaction, string savepoint)
    {
        transaction.Rollback(savepoint);
        transaction.Release(savepoint);
    }

    private readonly record struct Outcome(AppendResult? Result, Exception? Error);
}
