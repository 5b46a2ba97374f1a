using Payments.Application.Worker;
using Payments.Embedded.Jobs;

namespace Payments.Functions.Hosting;

/// <summary>
/// Runs the embedded worker's receive loops (<see cref="EmbeddedProcessingOptions.Concurrency"/> jobs in flight) and
/// the dead-letter reaper that fails payments whose job the queue gave up on.
/// </summary>
public sealed class EmbeddedWorkerService(
    PaymentJobPump pump, DeadLetterReaper reaper, SqlitePaymentJobQueue queue, EmbeddedProcessingOptions options, ILogger<EmbeddedWorkerService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.ReclaimLeasesOnStart)
        {
            var reclaimed = await queue.ReclaimLeases(stoppingToken).ConfigureAwait(false);
            HostLog.LeasesReclaimed(logger, reclaimed);
        }

        await Task.WhenAll(pump.Run(options.Concurrency, stoppingToken), reaper.Run(stoppingToken)).ConfigureAwait(false);
    }
}
