namespace Payments.Application.Jobs;

/// <summary>
/// Where the log-driven dispatcher turns events into jobs. <see cref="Dispatch"/> stores the jobs and the new
/// checkpoint atomically and ignores payments already dispatched, so a crash or retry never loses or doubles a job.
/// </summary>
public interface IJobOutbox
{
    /// <summary>Global log position of the last event already turned into jobs; 0 before the first.</summary>
    Task<long> LoadCheckpoint(CancellationToken cancellationToken);

    Task Dispatch(IReadOnlyList<PaymentJob> jobs, long checkpoint, CancellationToken cancellationToken);
}
