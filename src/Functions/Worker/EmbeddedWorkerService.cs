namespace Payments.Functions.Worker;

/// <summary>Runs the embedded worker's receive loops, <see cref="EmbeddedProcessingOptions.Concurrency"/> jobs in flight.</summary>
public sealed class EmbeddedWorkerService(PaymentJobPump pump, EmbeddedProcessingOptions options) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => pump.Run(options.Concurrency, stoppingToken);
}
