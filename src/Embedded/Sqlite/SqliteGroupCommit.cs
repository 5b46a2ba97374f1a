using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Payments.Embedded.Sqlite;

/// <summary>
/// Serialises every statement on a small file's one connection and shares each commit's fsync among the operations
/// waiting for it: all operations queued while one transaction commits run together in the next, each under its own
/// savepoint (a failing operation never undoes its neighbours), and each caller resumes only after that commit.
/// With hundreds of jobs in flight, one fsync per receive, completion and ramp execution was the worker's ceiling.
/// </summary>
internal sealed class SqliteGroupCommit : IAsyncDisposable
{
    private const int MaxBatch = 256;
    private const string Savepoint = "operation";

    private readonly Channel<Operation> _queue = Channel.CreateUnbounded<Operation>(new UnboundedChannelOptions { SingleReader = true });
    private readonly SqliteConnection _connection;
    private readonly bool _readOnly;
    private readonly Task _loop;
    private long _commitCount;

    /// <param name="readOnly">The connection only reads (statements beside a running <c>serve</c>).</param>
    public SqliteGroupCommit(SqliteConnection connection, bool readOnly = false)
    {
        _connection = connection;
        _readOnly = readOnly;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Transactions committed so far; fewer than operations when commits are being shared.</summary>
    public long CommitCount => Interlocked.Read(ref _commitCount);

    /// <summary>Runs <paramref name="work"/> inside the next shared transaction; completes after that transaction commits.</summary>
    public async Task<T> Run<T>(Func<SqliteTransaction, Task<T>> work, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var operation = new Operation(async transaction => await work(transaction).ConfigureAwait(false), cancellationToken);
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(operation), this);

        return (T)(await operation.Completion.Task.ConfigureAwait(false))!;
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        var batch = new List<Operation>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var operation))
            {
                if (operation.CancellationToken.IsCancellationRequested)
                {
                    operation.Completion.TrySetCanceled(operation.CancellationToken);
                }
                else
                {
                    batch.Add(operation);
                }
            }

            if (batch.Count > 0)
            {
                await Commit(batch).ConfigureAwait(false);
            }
        }
    }

    private async Task Commit(List<Operation> batch)
    {
        var outcomes = new (object? Result, Exception? Error)[batch.Count];
        try
        {
            await using var transaction = Begin();
            for (var i = 0; i < batch.Count; i++)
            {
                outcomes[i] = await ApplyUnderSavepoint(transaction, batch[i]).ConfigureAwait(false);
            }

            await transaction.CommitAsync().ConfigureAwait(false);
            Interlocked.Increment(ref _commitCount);
        }
        catch (Exception e)
        {
            // The commit itself failed (disk full, I/O error): nothing in the batch happened.
            foreach (var operation in batch)
            {
                operation.Completion.TrySetException(e);
            }

            return;
        }

        for (var i = 0; i < batch.Count; i++)
        {
            if (outcomes[i].Error is { } error)
            {
                batch[i].Completion.TrySetException(error);
            }
            else
            {
                batch[i].Completion.TrySetResult(outcomes[i].Result);
            }
        }
    }

    /// <summary>
    /// Immediate when writing: another connection may write the same file (a consumer's checkpoint lives beside the
    /// queue), and a deferred transaction that later upgrades fails at once instead of waiting out the busy timeout.
    /// </summary>
    private SqliteTransaction Begin() => _connection.BeginTransaction(deferred: _readOnly);

    private static async Task<(object? Result, Exception? Error)> ApplyUnderSavepoint(SqliteTransaction transaction, Operation operation)
    {
        await transaction.SaveAsync(Savepoint).ConfigureAwait(false);
        try
        {
            var result = await operation.Work(transaction).ConfigureAwait(false);
            await transaction.ReleaseAsync(Savepoint).ConfigureAwait(false);
            return (result, null);
        }
        catch (Exception e) when (e is SqliteException { SqliteErrorCode: not (SQLitePCL.raw.SQLITE_FULL or SQLitePCL.raw.SQLITE_IOERR) } or not SqliteException)
        {
            await transaction.RollbackAsync(Savepoint).ConfigureAwait(false);
            await transaction.ReleaseAsync(Savepoint).ConfigureAwait(false);
            return (null, e);
        }
    }

    private sealed class Operation(Func<SqliteTransaction, Task<object?>> work, CancellationToken cancellationToken)
    {
        public Func<SqliteTransaction, Task<object?>> Work { get; } = work;

        public CancellationToken CancellationToken { get; } = cancellationToken;

        public TaskCompletionSource<object?> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
