namespace Payments.Functions.Worker;

/// <summary>
/// Runs the embedded worker's receive loops (<see cref="EmbeddedProcessingOptions.Concurrency"/> jobs in flight) and
/// the dead-letter reaper that fails payments whose job the queue gave up on.
/// </summary>
public sealed class EmbeddedWorkerService(PaymentJobPump pump, DeadLetterReaper reaper, EmbeddedProcessingOptions options) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(pump.Run(options.Concurrency, stoppingToken), reaper.Run(stoppingToken));
}
