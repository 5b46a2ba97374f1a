using Payments.Application.Webhooks.Deliveries;
using Payments.Application.Webhooks.Endpoints;
using Payments.Application.Webhooks.Queue;
using Payments.Application.Webhooks.Replay;
using Payments.EventStore.Contract;

namespace Payments.Application.Webhooks.Delivery;

/// <summary>
/// The background half of a recovery: every message of the client in the window that the endpoint wants and did not
/// get (never delivered: failed, skipped, or never opened for it) starts a new round. Deliveries already delivered or
/// still pending are left alone, so running a recovery twice sends nothing twice. A window larger than one page
/// continues as a new job from where this one stopped.
/// </summary>
public sealed class WebhookRecovery(
    IWebhookDeliveryStore deliveries,
    IWebhookEndpointStore endpoints,
    WebhookFanOut fanOut,
    IWebhookQueue queue,
    TimeProvider time,
    ILogger<WebhookRecovery> logger)
{
    public const int PageSize = 500;

    public async Task<WebhookDisposition> Run(WebhookQueueMessage.Recovery job, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(job);
        var endpoint = await endpoints.Find(job.ClientId, job.EndpointId, cancellationToken).ConfigureAwait(false);
        if (endpoint is not { Enabled: true })
        {
            return new WebhookDisposition.Done("endpoint disabled or deleted");
        }

        var page = await deliveries.MessagesFor(job.ClientId, job.Since, job.Until, PageSize, cancellationToken).ConfigureAwait(false);
        var bodies = new List<string>();
        foreach (var message in page.Where(m => endpoint.Wants(m.EventType)))
        {
            var opened = await deliveries.OpenDelivery(fanOut.NewDelivery(message, endpoint.EndpointId), cancellationToken).ConfigureAwait(false);
            if (opened.State is WebhookDeliveryState.Failed or WebhookDeliveryState.Skipped || opened is { State: WebhookDeliveryState.Pending, Attempts: 0 })
            {
                await deliveries.SaveDelivery(WebhookReplay.NewRound(opened, time.GetUtcNow()), cancellationToken).ConfigureAwait(false);
                bodies.Add(WebhookQueueMessage.DeliveryBody(opened.DeliveryId, TraceContext.Current()));
            }
        }

        if (page.Count == PageSize && page[^1].Timestamp > job.Since)
        {
            bodies.Add(WebhookQueueMessage.RecoveryBody(job with { Since = page[^1].Timestamp }));
        }

        if (bodies.Count > 0)
        {
            await queue.Send(bodies, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        }

        WebhookLog.Recovered(logger, job.EndpointId, job.Since, job.Until, bodies.Count, page.Count);
        return new WebhookDisposition.Done("recovery queued");
    }
}
