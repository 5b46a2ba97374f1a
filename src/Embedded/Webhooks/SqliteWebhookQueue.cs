using Payments.Application.Jobs;
using Payments.Application.Webhooks.Queue;
using Payments.Embedded.Jobs;

namespace Payments.Embedded.Webhooks;

/// <summary>
/// The embedded webhook queue: one SQLite file (<see cref="SqliteQueueFile"/>) with SQS's semantics, so the sender
/// behaves the same in both columns: batch receives, a visibility timeout, and a redrive that dead-letters a message
/// after its last receive. A deferred message gives its receive back, as the SQS adapter's re-send does.
/// </summary>
public sealed class SqliteWebhookQueue : IDeadLetterQueue, IWebhookQueue, IAsyncDisposable
{
    public const string FileName = "webhook-jobs.db";

    private readonly SqliteQueueFile _file;

    private SqliteWebhookQueue(SqliteQueueFile file) => _file = file;

    public static SqliteWebhookQueue Open(string path, TimeProvider time, EmbeddedWebhookQueueOptions options) =>
        new(SqliteQueueFile.Open(path, "", time, options.VisibilityTimeout, options.MaxReceives));

    /// <summary>
    /// Makes every leased message visible now, keeping its receive count (the dead process's attempt counted).
    /// For a process that owns the file exclusively and starts up: all leases then belong to the dead.
    /// </summary>
    public Task<int> ReclaimLeases(CancellationToken cancellationToken) => _file.ReclaimLeases(cancellationToken);

    public Task Send(IReadOnlyList<string> bodies, TimeSpan delay, CancellationToken cancellationToken) =>
        _file.Write(async transaction =>
        {
            foreach (var body in bodies)
            {
                await _file.Insert(transaction, _file.NewMessageId(), body, delay, cancellationToken).ConfigureAwait(false);
            }
        }, cancellationToken);

    public Task<IReadOnlyList<JobReceipt>> Receive(int maxMessages, TimeSpan wait, CancellationToken cancellationToken) =>
        _file.Receive(maxMessages, wait, cancellationToken);

    public Task Complete(JobReceipt receipt, CancellationToken cancellationToken) => _file.Complete(receipt, cancellationToken);

    public Task Retry(JobReceipt receipt, TimeSpan delay, CancellationToken cancellationToken) => _file.Abandon(receipt, delay, cancellationToken);

    public Task Defer(JobReceipt receipt, TimeSpan delay, CancellationToken cancellationToken) => _file.Defer(receipt, delay, cancellationToken);

    public Task DeadLetter(JobReceipt receipt, CancellationToken cancellationToken) => _file.DeadLetter(receipt, cancellationToken);

    /// <summary>Messages not yet completed or dead-lettered, visible or not.</summary>
    public Task<long> CountPending(CancellationToken cancellationToken) => _file.CountPending(cancellationToken);

    /// <summary>Messages the queue gave up on, oldest first; they stay for an operator.</summary>
    public Task<IReadOnlyList<DeadLetteredJob>> ReadDeadLetters(CancellationToken cancellationToken) => _file.ReadDeadLetters(cancellationToken);

    public string QueueName => "webhooks";

    public Task<bool> Redrive(string messageId, CancellationToken cancellationToken) => _file.Redrive(messageId, cancellationToken);

    public Task<bool> Discard(string messageId, CancellationToken cancellationToken) => _file.Discard(messageId, cancellationToken);
    /// <summary>Depth, oldest age and dead letters, for the host's queue gauges.</summary>
    public Task<QueueMeasure> Measure(CancellationToken cancellationToken) => _file.Measure(cancellationToken);

    public ValueTask DisposeAsync() => _file.DisposeAsync();
}
