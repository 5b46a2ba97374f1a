using Payments.Application.Jobs;
using Payments.Application.Sweeping;
using Microsoft.Data.Sqlite;
using Payments.Embedded.Sqlite;

namespace Payments.Embedded.Jobs;

/// <summary>
/// The embedded payment queue: one SQLite file, so jobs survive a restart. A receive claims a visible job by
/// pushing its visibility forward and issuing a fresh receipt handle; a job whose last receive lapsed moves to
/// the dead-letter table instead of being delivered again. Waiting receivers sleep until a job is enqueued or
/// released, or until the earliest hidden job becomes visible again: no polling loop.
/// It is also the job dispatch's outbox: a payment gets one job, however often its request is dispatched.
/// </summary>
public sealed class SqlitePaymentJobQueue : IPaymentJobQueue, IJobOutbox, IJobRequeue, IAsyncDisposable
{
    public const string FileName = "jobs.db";

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
        CREATE TABLE IF NOT EXISTS dispatched_payments (
            payment_id TEXT PRIMARY KEY,
            message_id TEXT NOT NULL
        );
        """;

    private readonly SqliteConnection _connection;
    private readonly TimeProvider _time;
    private readonly EmbeddedQueueOptions _options;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly AsyncSignal _changed = new();

    private SqlitePaymentJobQueue(SqliteConnection connection, TimeProvider time, EmbeddedQueueOptions options)
    {
        _connection = connection;
        _time = time;
        _options = options;
    }

    public int MaxReceives => _options.MaxReceives;

    public static SqlitePaymentJobQueue Open(string path, TimeProvider time, EmbeddedQueueOptions options) =>
        new(EmbeddedSqlite.Open(path, Schema), time, options);

    /// <summary>
    /// Makes every leased job visible now, keeping its receive count (the dead process's delivery counted).
    /// For a process that owns the file exclusively and starts up: all leases then belong to the dead.
    /// </summary>
    public async Task<int> ReclaimLeases(CancellationToken cancellationToken)
    {
        var reclaimed = await Locked(async () =>
        {
            await using var release = Command(
                null,
                "UPDATE jobs SET visible_at = $now, receipt_handle = NULL WHERE receipt_handle IS NOT NULL AND visible_at > $now",
                ("$now", Millis(_time.GetUtcNow())));
            return await release.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        _changed.Notify();
        return reclaimed;
    }

    public async Task Enqueue(PaymentJob job, CancellationToken cancellationToken)
    {
        await Locked(async () =>
        {
            await using var insert = InsertJob(null, NewMessageId(), job);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        _changed.Notify();
    }

    public async Task<JobReceipt?> Receive(TimeSpan wait, CancellationToken cancellationToken)
    {
        var deadline = _time.GetUtcNow() + wait;
        while (true)
        {
            var changed = _changed.Next;
            var (receipt, nextVisibleAt) = await Locked(() => Claim(cancellationToken), cancellationToken).ConfigureAwait(false);
            if (receipt is not null)
            {
                return receipt;
            }

            var now = _time.GetUtcNow();
            if (now >= deadline)
            {
                return null;
            }

            var wakeAt = nextVisibleAt is { } visible && visible < deadline ? visible : deadline;
            await AsyncSignal.WaitAny(changed, wakeAt - now, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task Complete(JobReceipt receipt, CancellationToken cancellationToken) =>
        Locked(async () =>
        {
            await using var delete = Command(null, "DELETE FROM jobs WHERE message_id = $id AND receipt_handle = $handle", ("$id", receipt.MessageId), ("$handle", receipt.ReceiptHandle));
            await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    public async Task Abandon(JobReceipt receipt, TimeSpan delay, CancellationToken cancellationToken)
    {
        await Locked(async () =>
        {
            await using var transaction = (SqliteTransaction)await _connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            if (receipt.ReceiveCount >= _options.MaxReceives)
            {
                await DeadLetter(transaction, receipt.MessageId, receipt.ReceiptHandle, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                await using var release = Command(
                    transaction,
                    "UPDATE jobs SET visible_at = $visible, receipt_handle = NULL WHERE message_id = $id AND receipt_handle = $handle",
                    ("$visible", Millis(_time.GetUtcNow() + delay)),
                    ("$id", receipt.MessageId),
                    ("$handle", receipt.ReceiptHandle));
                await release.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        _changed.Notify();
    }

    public Task ExtendVisibility(JobReceipt receipt, TimeSpan timeout, CancellationToken cancellationToken) =>
        Locked(async () =>
        {
            await using var extend = Command(
                null,
                "UPDATE jobs SET visible_at = $visible WHERE message_id = $id AND receipt_handle = $handle",
                ("$visible", Millis(_time.GetUtcNow() + timeout)),
                ("$id", receipt.MessageId),
                ("$handle", receipt.ReceiptHandle));
            await extend.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    public async Task Dispatch(IReadOnlyList<PaymentJob> jobs, CancellationToken cancellationToken)
    {
        await Locked(async () =>
        {
            await using var transaction = (SqliteTransaction)await _connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            foreach (var job in jobs)
            {
                var messageId = NewMessageId();
                await using var claim = Command(
                    transaction,
                    "INSERT INTO dispatched_payments (payment_id, message_id) VALUES ($payment, $id) ON CONFLICT (payment_id) DO NOTHING",
                    ("$payment", job.PaymentId.ToString("D")),
                    ("$id", messageId));
                if (await claim.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
                {
                    await using var insert = InsertJob(transaction, messageId, job);
                    await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        _changed.Notify();
    }

    /// <summary>Jobs not yet completed or dead-lettered, visible or not.</summary>
    public Task<long> CountPending(CancellationToken cancellationToken) =>
        Locked(async () =>
        {
            await using var count = Command(null, "SELECT COUNT(*) FROM jobs");
            return (long)(await count.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
        }, cancellationToken);

    /// <summary>
    /// The sweeper's requeue: a new job unless one for the payment is still in the queue (visible, delayed or leased),
    /// so however often a stalled payment is swept it has at most one job waiting.
    /// </summary>
    public async Task<bool> Requeue(PaymentJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var queued = await Locked(async () =>
        {
            await using var insert = Command(
                null,
                """
                INSERT INTO jobs (message_id, body, enqueued_at, visible_at)
                SELECT $id, $body, $now, $now
                WHERE NOT EXISTS (SELECT 1 FROM jobs WHERE json_extract(body, '$.payment_id') = $payment)
                """,
                ("$id", NewMessageId()),
                ("$body", job.ToJson()),
                ("$now", Millis(_time.GetUtcNow())),
                ("$payment", job.PaymentId.ToString("D")));
            return await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }, cancellationToken).ConfigureAwait(false);
        _changed.Notify();
        return queued;
    }

    /// <summary>Jobs the queue gave up on, oldest first; they stay for an operator (the sweeper re-queues their payments).</summary>
    public Task<IReadOnlyList<DeadLetteredJob>> ReadDeadLetters(CancellationToken cancellationToken) =>
        Locked<IReadOnlyList<DeadLetteredJob>>(async () =>
        {
            await using var select = Command(null, "SELECT message_id, body, receive_count, dead_lettered_at FROM dead_letters ORDER BY dead_lettered_at, message_id");
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var jobs = new List<DeadLetteredJob>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                jobs.Add(new DeadLetteredJob(reader.GetString(0), reader.GetString(1), reader.GetInt32(2), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(3))));
            }

            return jobs;
        }, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
    }

    /// <summary>Claims the oldest visible job; lapsed jobs with no receives left are dead-lettered on the way.</summary>
    private async Task<(JobReceipt? Receipt, DateTimeOffset? NextVisibleAt)> Claim(CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        await using var transaction = (SqliteTransaction)await _connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        while (true)
        {
            await using var select = Command(
                transaction,
                "SELECT message_id, body, receive_count, receipt_handle FROM jobs WHERE visible_at <= $now ORDER BY visible_at, enqueued_at LIMIT 1",
                ("$now", Millis(now)));
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                await reader.DisposeAsync().ConfigureAwait(false);
                var next = await NextVisibleAt(transaction, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return (null, next);
            }

            var messageId = reader.GetString(0);
            var body = reader.GetString(1);
            var receives = reader.GetInt32(2);
            var previousHandle = await reader.IsDBNullAsync(3, cancellationToken).ConfigureAwait(false) ? null : reader.GetString(3);
            await reader.DisposeAsync().ConfigureAwait(false);
            if (receives >= _options.MaxReceives)
            {
                await DeadLetter(transaction, messageId, previousHandle, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var handle = Guid.NewGuid().ToString("N");
            await using var claim = Command(
                transaction,
                "UPDATE jobs SET receive_count = receive_count + 1, visible_at = $visible, receipt_handle = $handle WHERE message_id = $id",
                ("$visible", Millis(now + _options.VisibilityTimeout)),
                ("$handle", handle),
                ("$id", messageId));
            await claim.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return (new JobReceipt(messageId, handle, body, receives + 1), null);
        }
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
            ("$now", Millis(_time.GetUtcNow())),
            ("$id", messageId),
            ("$handle", handle));
        await move.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private SqliteCommand InsertJob(SqliteTransaction? transaction, string messageId, PaymentJob job)
    {
        var now = Millis(_time.GetUtcNow());
        return Command(
            transaction,
            "INSERT INTO jobs (message_id, body, enqueued_at, visible_at) VALUES ($id, $body, $now, $now)",
            ("$id", messageId),
            ("$body", job.ToJson()),
            ("$now", now));
    }

    private SqliteCommand Command(SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters) =>
        EmbeddedSqlite.Command(_connection, transaction, sql, parameters);

    private async Task Locked(Func<Task> action, CancellationToken cancellationToken) =>
        await Locked(async () =>
        {
            await action().ConfigureAwait(false);
            return true;
        }, cancellationToken).ConfigureAwait(false);

    private Task<T> Locked<T>(Func<Task<T>> action, CancellationToken cancellationToken) =>
        EmbeddedSqlite.Exclusive(_gate, action, cancellationToken);

    private string NewMessageId() => Guid.CreateVersion7(_time.GetUtcNow()).ToString("D");

    private static long Millis(DateTimeOffset instant) => instant.ToUnixTimeMilliseconds();
}
