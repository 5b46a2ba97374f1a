using Payments.Application.Jobs;
using Payments.Application.Worker;

namespace Payments.Application.Sweeping;

/// <summary>
/// The safety net under the queue: an open payment that has not moved for <see cref="SweeperOptions.StallAfter"/>
/// gets its job queued again. That covers every way a job can vanish (dead-lettered after a worker kept dying,
/// acknowledged by a bug, lost with a queue) and a leg whose outcome is unknown: the new delivery looks the request
/// up by its key before anything else. Sweeping appends nothing, so running it twice, or in two places, is harmless.
/// </summary>
public sealed class StalledPaymentSweeper(
    IStalledPaymentIndex index, IJobRequeue queue, SweeperOptions options, TimeProvider time, ILogger<StalledPaymentSweeper> logger)
{
    /// <summary>One pass; returns how many payments got a new job.</summary>
    public async Task<int> Sweep(CancellationToken cancellationToken)
    {
        var stalled = await index.FindStalled(time.GetUtcNow() - options.StallAfter, options.BatchSize, cancellationToken).ConfigureAwait(false);
        var requeued = 0;
        foreach (var paymentId in stalled)
        {
            if (await queue.Requeue(new PaymentJob(paymentId), cancellationToken).ConfigureAwait(false))
            {
                SweeperLog.Requeued(logger, paymentId);
                requeued++;
            }
        }

        PaymentMetrics.SweeperRequeued(requeued);
        return requeued;
    }

    /// <summary>Sweeps every <see cref="SweeperOptions.Interval"/> until cancelled; a failed pass is logged and the next one tries again.</summary>
    public async Task Run(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await Sweep(cancellationToken).ConfigureAwait(false);
                await Task.Delay(options.Interval, time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                SweeperLog.SweepFailed(logger, e);
                await Task.Delay(options.Interval, time, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }
}
