using Payments.Application.Consumers;
using Payments.EventStore.Contract;

namespace Payments.Functions.Hosting;

/// <summary>Runs every embedded log consumer (projection, job dispatch) for the life of the host, each on its own checkpoint.</summary>
public sealed class EventLogSubscriptionsService(IEnumerable<EventLogSubscription> subscriptions, IAppendNotifier commits) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(subscriptions.Select(s => Task.Run(() => s.Run(commits, stoppingToken), CancellationToken.None)));
}
