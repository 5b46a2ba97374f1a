namespace Payments.Application.Jobs;

/// <summary>
/// Where the job dispatch puts new jobs. <see cref="Dispatch"/> may see the same payment again (a page re-delivered
/// after a crash): the embedded queue ignores payments already dispatched; SQS may deliver twice, which the worker
/// absorbs (a job only advances a payment from where its events say it stands).
/// </summary>
public interface IJobOutbox
{
    Task Dispatch(IReadOnlyList<PaymentJob> jobs, CancellationToken cancellationToken);
}
