using Microsoft.Data.Sqlite;
using Payments.Application.Jobs;
using Payments.Embedded.Sqlite;

namespace Payments.Embedded.Jobs;

/// <summary>
/// The mechanics both embedded queues share, on one SQLite file: a receive claims visible jobs by pushing their
/// visibility forward and issuing fresh receipt handles; a job whose last receive lapsed moves to the dead-letter
/// table instead of being delivered again. Waiting receivers sleep until a job is written or released, or until the
/// earliest hidden job becomes visible again: no polling loop.
/// </summary>
internal sealed class SqliteQueueFile : IAsyncDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS jobs (
            message_id     TEXT    PRIMARY KEY,
            body           TEXT    NOT NULL,
            enqueued_at    INTEGER NOT NULL,
            visible_at     INTEGER NOT NULL,
            receive_count  INTEGER NOT NULL DEFAULT 0,
            receipt_handle TEXT
        );
        CREATE INDEX IF NOT EXISTS jobs_by_visibility ON jobs (visible_at, enqueued_at);
        CREATE TABLE IF NOT EXISTS dead_letters (
            message_id       TEXT    PRIMARY KEY,
            body             TEXT    NOT NULL,
            receive_count    INTEGER NOT NULL,
            dead_lettered_at INTEGER NOT NULL
        );
        """;

    private readonly SqliteConnection _connection;
    private readonly TimeSpan _visibilityTimeout;
    private readonly int _maxReceives;
    private readonly SqliteGroupCommit _commits;
    private readonly AsyncSignal _changed = new();

    private SqliteQueueFile(SqliteConnection connection, TimeProvider time, TimeSpan visibilityTimeout, int maxReceives)
    {
        _connection = connection;
        _commits = new SqliteGroupCommit(connection);
        Time = time;
        _visibilityTimeout = visibilityTimeout;
        _maxReceives = maxReceives;
    }

    public TimeProvider Time { get; }

    /// <param name="moreSchema">Tables of the queue's own beside the jobs and dead letters.</param>
    public static SqliteQueueFile Open(string path, string moreSchema, TimeProvider time, TimeSpan visibilityTimeout, int maxReceives) =>
        new(EmbeddedSqlite.Open(path, Schema + moreSchema), time, visibilityTimeout, maxReceives);

    /// <summary>Makes every leased job visible now, keeping its receive count (the dead process's delivery counted).</summary>
    public Task<int> ReclaimLeases(CancellationToken cancellationToken) =>
        Write(async transaction =>
        {
            await using var release = Command(
                transaction,
                "UPDATE jobs SET visible_at = $now, receipt_handle = NULL WHERE receipt_handle IS NOT NULL AND visible_at > $now",
                ("$now", Millis(Time.GetUtcNow())));
            return await release.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Up to <paramref name="maxJobs"/> visible jobs, waiting up to <paramref name="wait"/> for the first.</summary>
    public async Task<IReadOnlyList<JobReceipt>> Receive(int maxJobs, TimeSpan wait, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxJobs, 1);
        var deadline = Time.GetUtcNow() + wait;
        while (true)
        {
            var changed = _changed.Next;
            var (receipts, nextVisibleAt) = await InSharedCommit(transaction => Claim(transaction, maxJobs, cancellationToken), cancellationToken).ConfigureAwait(false);
            if (receipts.Count > 0)
            {
                return receipts;
            }

            var now = Time.GetUtcNow();
            if (now >= deadline)
            {
                return [];
            }

            var wakeAt = nextVisibleAt is { } visible && visible < deadline ? visible : deadline;
            await AsyncSignal.WaitAny(changed, wakeAt - now, Time, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task Complete(JobReceipt receipt, CancellationToken cancellationToken) =>
        InSharedCommit(async transaction =>
        {
            await using var delete = Command(transaction, "DELETE FROM jobs WHERE message_id = $id AND receipt_handle = $handle", ("$id", receipt.MessageId), ("$handle", receipt.ReceiptHandle));
            return await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Gives the job back, visible after <paramref name="delay"/>; dead-lettered instead when the receipt used its last receive.</summary>
    public Task Abandon(JobReceipt receipt, TimeSpan delay, CancellationToken cancellationToken) =>
        receipt.ReceiveCount >= _maxReceives
            ? DeadLetter(receipt, cancellationToken)
            : Release(receipt, delay, uncount: 0, cancellationToken);

    /// <summary>Gives the job back, visible after <paramref name="delay"/>, as if this receive had not happened.</summary>
    public Task Defer(JobReceipt receipt, TimeSpan delay, CancellationToken cancellationToken) =>
        Release(receipt, delay, uncount: 1, cancellationToken);

    public Task DeadLetter(JobReceipt receipt, CancellationToken cancellationToken) =>
        Write(transaction => DeadLetter(transaction, receipt.MessageId, receipt.ReceiptHandle, cancellationToken), cancellationToken);

    public Task ExtendVisibility(JobReceipt receipt, TimeSpan timeout, CancellationToken cancellationToken) =>
        InSharedCommit(async transaction =>
        {
            await using var extend = Command(
                transaction,
                "UPDATE jobs SET visible_at = $visible WHERE message_id = $id AND receipt_handle = $handle",
                ("$visible", Millis(Time.GetUtcNow() + timeout)),
                ("$id", receipt.MessageId),
                ("$handle", receipt.ReceiptHandle));
            return await extend.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Runs <paramref name="write"/> in one transaction, then wakes waiting receivers.</summary>
    public async Task<T> Write<T>(Func<SqliteTransaction, Task<T>> write, CancellationToken cancellationToken)
    {
        var result = await InSharedCommit(write, cancellationToken).ConfigureAwait(false);
        _changed.Notify();
        return result;
    }

    public Task Write(Func<SqliteTransaction, Task> write, CancellationToken cancellationToken) =>
        Write(async transaction =>
        {
            await write(transaction).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    /// <summary>A new job, visible after <paramref name="delay"/>.</summary>
    public async Task Insert(SqliteTransaction transaction, string messageId, string body, TimeSpan delay, CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        await using var insert = Command(
            transaction,
            "INSERT INTO jobs (message_id, body, enqueued_at, visible_at) VALUES ($id, $body, $now, $visible)",
            ("$id", messageId),
            ("$body", body),
            ("$now", Millis(now)),
            ("$visible", Millis(now + delay)));
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Jobs not yet completed or dead-lettered, visible or not.</summary>
    public Task<long> CountPending(CancellationToken cancellationToken) =>
        InSharedCommit(async transaction =>
        {
            await using var count = Command(transaction, "SELECT COUNT(*) FROM jobs");
            return (long)(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }, cancellationToken);

    /// <summary>Depth, oldest age and dead letters in one read.</summary>
    public Task<QueueMeasure> Measure(CancellationToken cancellationToken) =>
        InSharedCommit(async transaction =>
        {
            await using var select = Command(transaction, "SELECT (SELECT COUNT(*) FROM jobs), (SELECT MIN(enqueued_at) FROM jobs), (SELECT COUNT(*) FROM dead_letters)");
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
            var oldest = await reader.IsDBNullAsync(1, cancellationToken).ConfigureAwait(false) ? TimeSpan.Zero : Time.GetUtcNow() - DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(1));
            return new QueueMeasure(reader.GetInt64(0), oldest > TimeSpan.Zero ? oldest : TimeSpan.Zero, reader.GetInt64(2));
        }, cancellationToken);

    /// <summary>Jobs the queue gave up on, oldest first; they stay for an operator.</summary>
    public Task<IReadOnlyList<DeadLetteredJob>> ReadDeadLetters(CancellationToken cancellationToken) =>
        InSharedCommit<IReadOnlyList<DeadLetteredJob>>(async transaction =>
        {
            await using var select = Command(transaction, "SELECT message_id, body, receive_count, dead_lettered_at FROM dead_letters ORDER BY dead_lettered_at, message_id");
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var jobs = new List<DeadLetteredJob>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                jobs.Add(new DeadLetteredJob(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3))));
            }

            return jobs;
        }, cancellationToken);

    /// <summary>Moves a dead letter back to the jobs, visible now with no receives; false when there is none.</summary>
    public Task<bool> Redrive(string messageId, CancellationToken cancellationToken) =>
        Write(async transaction =>
        {
            await using var move = Command(
                transaction,
                """
                INSERT INTO jobs (message_id, body, enqueued_at, visible_at, receive_count)
                    SELECT message_id, body, $now, $now, 0 FROM dead_letters WHERE message_id = $id
                    ON CONFLICT (message_id) DO NOTHING;
                DELETE FROM dead_letters WHERE message_id = $id;
                """,
                ("$now", Millis(Time.GetUtcNow())),
                ("$id", messageId));
            return await move.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
        }, cancellationToken);

    public Task<bool> Discard(string messageId, CancellationToken cancellationToken) =>
        InSharedCommit(async transaction =>
        {
            await using var delete = Command(transaction, "DELETE FROM dead_letters WHERE message_id = $id", ("$id", messageId));
            return await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
        }, cancellationToken);

    public SqliteCommand Command(SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters) =>
        EmbeddedSqlite.Command(_connection, transaction, sql, parameters);

    public string NewMessageId() => Guid.CreateVersion7(Time.GetUtcNow()).ToString("D");

    public static long Millis(DateTimeOffset instant) => instant.ToUnixTimeMilliseconds();

    public async ValueTask DisposeAsync()
    {
        await _commits.DisposeAsync().ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    private Task Release(JobReceipt receipt, TimeSpan delay, int uncount, CancellationToken cancellationToken) =>
        Write(async transaction =>
        {
            await using var release = Command(
                transaction,
                "UPDATE jobs SET visible_at = $visible, receipt_handle = NULL, receive_count = receive_count - $uncount WHERE message_id = $id AND receipt_handle = $handle",
                ("$visible", Millis(Time.GetUtcNow() + delay)),
                ("$uncount", uncount),
                ("$id", receipt.MessageId),
                ("$handle", receipt.ReceiptHandle));
            return await release.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    /// <summary>Claims up to <paramref name="maxJobs"/> of the oldest visible jobs; lapsed jobs with no receives left are dead-lettered on the way.</summary>
    private async Task<(IReadOnlyList<JobReceipt> Receipts, DateTimeOffset? NextVisibleAt)> Claim(SqliteTransaction transaction, int maxJobs, CancellationToken cancellationToken)
    {
        var now = Time.GetUtcNow();
        var receipts = new List<JobReceipt>();
        while (receipts.Count < maxJobs && await Oldest(transaction, now, cancellationToken).ConfigureAwait(false) is { } visible)
        {
            if (visible.ReceiveCount >= _maxReceives)
            {
                await DeadLetter(transaction, visible.MessageId, visible.LapsedLease, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var handle = Guid.NewGuid().ToString("N");
            await using var claim = Command(
                transaction,
                "UPDATE jobs SET receive_count = receive_count + 1, visible_at = $visible, receipt_handle = $handle WHERE message_id = $id",
                ("$visible", Millis(now + _visibilityTimeout)),
                ("$handle", handle),
                ("$id", visible.MessageId));
            await claim.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            receipts.Add(new JobReceipt(visible.MessageId, handle, visible.Body, visible.ReceiveCount + 1));
        }

        var next = receipts.Count == 0 ? await NextVisibleAt(transaction, cancellationToken).ConfigureAwait(false) : null;
        return (receipts, next);
    }

    private async Task<VisibleJob?> Oldest(SqliteTransaction transaction, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var select = Command(
            transaction,
            "SELECT message_id, body, receive_count, receipt_handle FROM jobs WHERE visible_at <= $now ORDER BY visible_at, enqueued_at, rowid LIMIT 1",
            ("$now", Millis(now)));
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var lapsedLease = await reader.IsDBNullAsync(3, cancellationToken).ConfigureAwait(false) ? null : reader.GetString(3);
        return new VisibleJob(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), lapsedLease);
    }

    private async Task<DateTimeOffset?> NextVisibleAt(SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        await using var select = Command(transaction, "SELECT MIN(visible_at) FROM jobs");
        return await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long millis
            ? DateTimeOffset.FromUnixTimeMilliseconds(millis)
            : null;
    }

    private async Task DeadLetter(SqliteTransaction transaction, string messageId, string? handle, CancellationToken cancellationToken)
    {
        await using var move = Command(
            transaction,
            """
            INSERT INTO dead_letters (message_id, body, receive_count, dead_lettered_at)
                SELECT message_id, body, receive_count, $now FROM jobs WHERE message_id = $id AND receipt_handle IS $handle
                ON CONFLICT (message_id) DO NOTHING;
            DELETE FROM jobs WHERE message_id = $id AND receipt_handle IS $handle;
            """,
            ("$now", Millis(Time.GetUtcNow())),
            ("$id", messageId),
            ("$handle", handle));
        await move.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs <paramref name="action"/> in the file's next shared transaction (see <see cref="SqliteGroupCommit"/>).</summary>
    private Task<T> InSharedCommit<T>(Func<SqliteTransaction, Task<T>> action, CancellationToken cancellationToken) =>
        _commits.Run(action, cancellationToken);

    /// <summary>A visible job as it stands; <see cref="LapsedLease"/> is the handle of a receive that lapsed (null when never received or released).</summary>
    private sealed record VisibleJob(string MessageId, string Body, int ReceiveCount, string? LapsedLease);
}
