namespace Payments.Application.Jobs;

/// <summary>
/// Where the job dispatch puts new jobs. <see cref="Dispatch"/> may see the same payment again (a page re-delivered
/// after a crash, a Streams batch retried from a failed record), always with the same <see cref="PaymentJob.JobId"/>:
/// the embedded queue ignores payments already dispatched; a standard SQS queue has no deduplication and may hold
/// the job twice, which the worker absorbs (a job only advances a payment from where its events say it stands).
/// </summary>
public interface IJobOutbox
{
    Task Dispatch(IReadOnlyList<PaymentJob> jobs, CancellationToken cancellationToken);
}
