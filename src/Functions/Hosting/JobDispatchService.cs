using Payments.Application.Jobs.Dispatch;

namespace Payments.Functions.Hosting;

/// <summary>Runs the log-driven job dispatcher for the lifetime of the embedded host.</summary>
public sealed class JobDispatchService(PaymentJobDispatcher dispatcher) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => dispatcher.Run(stoppingToken);
}
