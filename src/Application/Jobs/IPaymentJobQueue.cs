namespace Payments.Application.Jobs;

/// <summary>
/// The payment job queue: at-least-once delivery with a visibility timeout, and dead-lettering after
/// <see cref="MaxReceives"/> deliveries.
/// </summary>
public interface IPaymentJobQueue
{
    /// <summary>Deliveries after which a job that was not completed moves to the dead-letter queue.</summary>
    int MaxReceives { get; }

    Task Enqueue(PaymentJob job, CancellationToken cancellationToken);

    /// <summary>The next visible job, waiting up to <paramref name="wait"/> for one (long poll); null when none came.</summary>
    Task<JobReceipt?> Receive(TimeSpan wait, CancellationToken cancellationToken);

    /// <summary>
    /// Up to <paramref name="maxJobs"/> visible jobs (an adapter may hand fewer: SQS gives at most 10), waiting up to
    /// <paramref name="wait"/> for the first; empty when none came. Each job is still handled and settled on its own.
    /// </summary>
    Task<IReadOnlyList<JobReceipt>> ReceiveMany(int maxJobs, TimeSpan wait, CancellationToken cancellationToken);

    /// <summary>Acknowledge: the job is done and is deleted.</summary>
    Task Complete(JobReceipt receipt, CancellationToken cancellationToken);

    /// <summary>Give the job back, visible again after <paramref name="delay"/> (or dead-lettered when it used its last receive).</summary>
    Task Abandon(JobReceipt receipt, TimeSpan delay, CancellationToken cancellationToken);

    /// <summary>Keep the job hidden from other receivers for <paramref name="timeout"/> from now.</summary>
    Task ExtendVisibility(JobReceipt receipt, TimeSpan timeout, CancellationToken cancellationToken);
}
