using Payments.EventStore.Contract;

using Payments.Embedded.Projections;

namespace Payments.Functions.Hosting;

/// <summary>Runs the embedded projection for the life of the host.</summary>
public sealed class EmbeddedProjectionService(EmbeddedPaymentProjection projection, IAppendNotifier notifier) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => projection.Run(notifier, stoppingToken);
}
