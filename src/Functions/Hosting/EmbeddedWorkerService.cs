using Payments.Application.Sweeping;
using Payments.Application.Worker;
using Payments.Embedded.Jobs;

namespace Payments.Functions.Hosting;

/// <summary>
/// Runs the embedded worker's receive loops (<see cref="WorkerOptions.Concurrency"/> jobs in flight) and the sweeper
/// that re-queues open payments which stopped moving (their job dead-lettered, or a ramp outcome still unknown). With <paramref name="reclaimLeasesOnStart"/> (this process
/// holds the data directory's lock) jobs leased by a dead process are handed back first.
/// </summary>
public sealed class EmbeddedWorkerService(
    PaymentJobPump pump, StalledPaymentSweeper sweeper, SqlitePaymentJobQueue queue, WorkerOptions options, bool reclaimLeasesOnStart, ILogger<EmbeddedWorkerService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (reclaimLeasesOnStart)
        {
            var reclaimed = await queue.ReclaimLeases(stoppingToken).ConfigureAwait(false);
            HostLog.LeasesReclaimed(logger, reclaimed);
        }

        await Task.WhenAll(pump.Run(options.Concurrency, stoppingToken), sweeper.Run(stoppingToken)).ConfigureAwait(false);
    }
}
