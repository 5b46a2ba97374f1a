using Payments.Application.Jobs;

namespace Payments.Application.Worker;

/// <summary>
/// Pulls jobs from a queue and applies the handler's verdict: N independent receive loops, one job each at a
/// time (batch size 1). Used by the embedded worker service and the worker benchmark.
/// </summary>
public sealed class PaymentJobPump(IPaymentJobQueue queue, PaymentJobHandler handler, TimeProvider time, ILogger<PaymentJobPump> logger)
{
    /// <summary>Long-poll window; a receive returns earlier as soon as a job is there.</summary>
    private static readonly TimeSpan ReceiveWait = TimeSpan.FromSeconds(20);


    public Task Run(int concurrency, CancellationToken cancellationToken) =>
        ReceiveLoops.Run(concurrency, ct => ProcessNext(ReceiveWait, ct), e => WorkerLog.QueueFailed(logger, e), time, cancellationToken);

    /// <summary>Receives and handles at most one job; false when none arrived within <paramref name="wait"/>.</summary>
    public async Task<bool> ProcessNext(TimeSpan wait, CancellationToken cancellationToken)
    {
        var receipt = await queue.Receive(wait, cancellationToken).ConfigureAwait(false);
        if (receipt is null)
        {
            return false;
        }

        var disposition = await HandleSafely(receipt, cancellationToken).ConfigureAwait(false);
        switch (disposition)
        {
            case JobDisposition.Acknowledge:
                await queue.Complete(receipt, cancellationToken).ConfigureAwait(false);
                break;
            case JobDisposition.Release release:
                await queue.Abandon(receipt, release.Delay, cancellationToken).ConfigureAwait(false);
                break;
        }

        return true;
    }

    private async Task<JobDisposition> HandleSafely(JobReceipt receipt, CancellationToken cancellationToken)
    {
        try
        {
            return await handler.Handle(receipt, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // The store or a provider broke in a way the handler does not understand: the job stays in the queue,
            // redelivered later and dead-lettered after its last receive.
            WorkerLog.JobCrashed(logger, e, receipt.MessageId);
            return new JobDisposition.Release(TimeSpan.FromSeconds(receipt.ReceiveCount), e.Message);
        }
    }
}
