using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Payments.EventStore.Contract;

namespace Payments.Embedded.EventStore;

/// <summary>
/// The only writer of the file. It drains every append waiting in the channel, applies each under
/// its own savepoint (a refused append never undoes its neighbours), commits them in one
/// transaction and completes each caller only after that commit's fsync. One fsync serves the
/// whole batch, which is how concurrent appends get past the one-commit-per-fsync ceiling.
/// </summary>
internal sealed class SqliteGroupCommitWriter : IAsyncDisposable
{
    private const int MaxBatch = 1024;

    private readonly Channel<PendingAppend> _queue = Channel.CreateBounded<PendingAppend>(
        new BoundedChannelOptions(16 * MaxBatch) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });

    private readonly SqliteConnection _connection;
    private readonly SqliteAppendStatements _statements;
    private readonly TimeProvider _time;
    private readonly Action<long> _onCommitted;
    private readonly Task _loop;
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

    public async Task<AppendResult> Enqueue(PendingAppend append)
    {
        await _queue.Writer.WriteAsync(append, append.CancellationToken).ConfigureAwait(false);
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
                if (!append.Completion.Task.IsCompleted && !append.CancellationToken.IsCancellationRequested)
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
        try
        {
            using var transaction = _connection.BeginTransaction();
            _statements.Enlist(transaction);
            var now = _time.GetUtcNow();
            for (var i = 0; i < batch.Count; i++)
            {
                outcomes[i] = ApplyUnderSavepoint(transaction, batch[i], now);
            }

            transaction.Commit();
            Interlocked.Increment(ref _commits);
        }
        catch (Exception fault)
        {
            foreach (var append in batch)
            {
                append.Completion.TrySetException(fault);
            }

            return;
        }

        Complete(batch, outcomes);
    }

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
        catch (SqliteException e) when (e.SqliteErrorCode == SQLitePCL.raw.SQLITE_CONSTRAINT)
        {
            // Another process wrote the same (stream, version) between our read and insert.
            Undo(transaction, savepoint);
            return new Outcome(null, new WrongExpectedVersionException(append.Stream, append.Expected, null));
        }
    }

    private static void Undo(SqliteTransaction transaction, string savepoint)
    {
        transaction.Rollback(savepoint);
        transaction.Release(savepoint);
    }

    private readonly record struct Outcome(AppendResult? Result, Exception? Error);
}
