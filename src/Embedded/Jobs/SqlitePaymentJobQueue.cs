using Payments.Application.Jobs;
using Payments.Application.Sweeping;

namespace Payments.Embedded.Jobs;

/// <summary>
/// The embedded payment queue: one SQLite file (<see cref="SqliteQueueFile"/>), so jobs survive a restart; a job is
/// dead-lettered after its last receive. It is also the job dispatch's outbox: a payment gets one job, however often its request is dispatched.
/// </summary>
public sealed class SqlitePaymentJobQueue : IDeadLetterQueue, IPaymentJobQueue, IJobOutbox, IJobRequeue, IAsyncDisposable
{
    public const string FileName = "jobs.db";

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS dispatched_payments (
            payment_id TEXT PRIMARY KEY,
            message_id TEXT NOT NULL
        );
        """;

    private readonly SqliteQueueFile _file;
    private readonly EmbeddedQueueOptions _options;

    private SqlitePaymentJobQueue(SqliteQueueFile file, EmbeddedQueueOptions options)
    {
        _file = file;
        _options = options;
    }

    public int MaxReceives => _options.MaxReceives;

    public static SqlitePaymentJobQueue Open(string path, TimeProvider time, EmbeddedQueueOptions options) =>
        new(SqliteQueueFile.Open(path, Schema, time, options.VisibilityTimeout, options.MaxReceives), options);

    /// <summary>
    /// Makes every leased job visible now, keeping its receive count (the dead process's delivery counted).
    /// For a process that owns the file exclusively and starts up: all leases then belong to the dead.
    /// </summary>
    public Task<int> ReclaimLeases(CancellationToken cancellationToken) => _file.ReclaimLeases(cancellationToken);

    public Task Enqueue(PaymentJob job, CancellationToken cancellationToken) =>
        _file.Write(transaction => _file.Insert(transaction, _file.NewMessageId(), job.ToJson(), TimeSpan.Zero, cancellationToken), cancellationToken);

    public async Task<JobReceipt?> Receive(TimeSpan wait, CancellationToken cancellationToken) =>
        (await _file.Receive(1, wait, cancellationToken).ConfigureAwait(false)).SingleOrDefault();

    public Task<IReadOnlyList<JobReceipt>> ReceiveMany(int maxJobs, TimeSpan wait, CancellationToken cancellationToken) =>
        _file.Receive(maxJobs, wait, cancellationToken);

    public Task Complete(JobReceipt receipt, CancellationToken cancellationToken) => _file.Complete(receipt, cancellationToken);

    public Task Abandon(JobReceipt receipt, TimeSpan delay, CancellationToken cancellationToken) => _file.Abandon(receipt, delay, cancellationToken);

    public Task ExtendVisibility(JobReceipt receipt, TimeSpan timeout, CancellationToken cancellationToken) =>
        _file.ExtendVisibility(receipt, timeout, cancellationToken);

    public Task Dispatch(IReadOnlyList<PaymentJob> jobs, CancellationToken cancellationToken) =>
        _file.Write(async transaction =>
        {
            foreach (var job in jobs)
            {
                var messageId = _file.NewMessageId();
                await using var claim = _file.Command(
                    transaction,
                    "INSERT INTO dispatched_payments (payment_id, message_id) VALUES ($payment, $id) ON CONFLICT (payment_id) DO NOTHING",
                    ("$payment", job.PaymentId.ToString("D")),
                    ("$id", messageId));
                if (await claim.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
                {
                    await _file.Insert(transaction, messageId, job.ToJson(), TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
                }
            }
        }, cancellationToken);

    /// <summary>Depth, oldest age and dead letters, for the host's queue gauges.</summary>
    public Task<QueueMeasure> Measure(CancellationToken cancellationToken) => _file.Measure(cancellationToken);

    /// <summary>Jobs not yet completed or dead-lettered, visible or not.</summary>
    public Task<long> CountPending(CancellationToken cancellationToken) => _file.CountPending(cancellationToken);

    /// <summary>
    /// The sweeper's requeue: a new job unless one for the payment is still in the queue (visible, delayed or leased),
    /// so however often a stalled payment is swept it has at most one job waiting.
    /// </summary>
    public Task<bool> Requeue(PaymentJob job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        return _file.Write(async transaction =>
        {
            await using var insert = _file.Command(
                transaction,
                """
                INSERT INTO jobs (message_id, body, enqueued_at, visible_at)
                SELECT $id, $body, $now, $now
                WHERE NOT EXISTS (SELECT 1 FROM jobs WHERE json_extract(body, '$.payment_id') = $payment)
                """,
                ("$id", _file.NewMessageId()),
                ("$body", job.ToJson()),
                ("$now", SqliteQueueFile.Millis(_file.Time.GetUtcNow())),
                ("$payment", job.PaymentId.ToString("D")));
            return await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }, cancellationToken);
    }

    /// <summary>Jobs the queue gave up on, oldest first; they stay for an operator (the sweeper re-queues their payments).</summary>
    public Task<IReadOnlyList<DeadLetteredJob>> ReadDeadLetters(CancellationToken cancellationToken) => _file.ReadDeadLetters(cancellationToken);

    public string QueueName => "payment-jobs";

    public Task<bool> Redrive(string messageId, CancellationToken cancellationToken) => _file.Redrive(messageId, cancellationToken);

    public Task<bool> Discard(string messageId, CancellationToken cancellationToken) => _file.Discard(messageId, cancellationToken);

    public ValueTask DisposeAsync() => _file.DisposeAsync();
}
