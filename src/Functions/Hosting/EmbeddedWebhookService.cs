using Payments.Application.Webhooks.Delivery;
using Payments.Embedded.Webhooks;

namespace Payments.Functions.Hosting;

/// <summary>
/// Runs the embedded webhook sender's receive loops. With <paramref name="reclaimLeasesOnStart"/> (this process holds
/// the data directory's lock) messages leased by a dead process are handed back first.
/// </summary>
public sealed class EmbeddedWebhookService(WebhookPump pump, SqliteWebhookQueue queue, int senders, bool reclaimLeasesOnStart, ILogger<EmbeddedWebhookService> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (reclaimLeasesOnStart)
        {
            var reclaimed = await queue.ReclaimLeases(stoppingToken).ConfigureAwait(false);
            HostLog.LeasesReclaimed(logger, reclaimed);
        }

        await pump.Run(senders, stoppingToken).ConfigureAwait(false);
    }
}
