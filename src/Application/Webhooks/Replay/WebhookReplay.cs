using Payments.Application.Webhooks.Deliveries;
using Payments.Application.Webhooks.Endpoints;
using Payments.Application.Webhooks.Queue;
using Payments.EventStore.Contract;

namespace Payments.Application.Webhooks.Replay;

/// <summary>
/// Operator and client replays. A redelivery starts a new round of attempts for one delivery under the same
/// <c>webhook-id</c>; a recovery queues a background job that re-sends an endpoint's window of messages that did not
/// get through (<see cref="Delivery.WebhookRecovery"/>). Neither ever touches the ledger: nothing but webhooks is re-fired.
/// </summary>
public sealed class WebhookReplay(IWebhookDeliveryStore deliveries, IWebhookEndpointStore endpoints, IWebhookQueue queue, TimeProvider time)
{
    /// <summary>The longest window one recovery may cover: the queue's retention, beyond which receivers expect nothing.</summary>
    public static readonly TimeSpan MaxRecoveryWindow = TimeSpan.FromDays(14);

    public async Task<ReplayOutcome> Redeliver(string clientId, string deliveryId, CancellationToken cancellationToken)
    {
        var delivery = await deliveries.FindDelivery(deliveryId, cancellationToken).ConfigureAwait(false);
        if (delivery is null || !string.Equals(delivery.ClientId, clientId, StringComparison.Ordinal))
        {
            return new ReplayOutcome.NotFound();
        }

        var endpoint = await endpoints.Find(clientId, delivery.EndpointId, cancellationToken).ConfigureAwait(false);
        if (endpoint is not { Enabled: true })
        {
            return new ReplayOutcome.Refused("endpoint_id", "endpoint_disabled", "The delivery's endpoint is disabled or deleted; enable it first.");
        }

        var renewed = NewRound(delivery, time.GetUtcNow());
        await deliveries.SaveDelivery(renewed, cancellationToken).ConfigureAwait(false);
        await queue.Send([WebhookQueueMessage.DeliveryBody(renewed.DeliveryId, TraceContext.Current())], TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        return new ReplayOutcome.Queued(renewed);
    }

    public async Task<ReplayOutcome> Recover(string clientId, string endpointId, DateTimeOffset since, DateTimeOffset? until, CancellationToken cancellationToken)
    {
        var end = until ?? time.GetUtcNow();
        if (since >= end)
        {
            return new ReplayOutcome.Refused("since", "window_invalid", "since must be before until.");
        }

        if (end - since > MaxRecoveryWindow)
        {
            return new ReplayOutcome.Refused("since", "window_too_long", $"A recovery covers at most {MaxRecoveryWindow.TotalDays:0} days.");
        }

        var endpoint = await endpoints.Find(clientId, endpointId, cancellationToken).ConfigureAwait(false);
        if (endpoint is null)
        {
            return new ReplayOutcome.NotFound();
        }

        if (!endpoint.Enabled)
        {
            return new ReplayOutcome.Refused("endpoint_id", "endpoint_disabled", "The endpoint is disabled; enable it first.");
        }

        var job = new WebhookQueueMessage.Recovery(endpointId, clientId, since, end);
        await queue.Send([WebhookQueueMessage.RecoveryBody(job)], TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        return new ReplayOutcome.Queued(null);
    }

    /// <summary>The delivery queued for a fresh round of attempts; its attempt numbers carry on.</summary>
    internal static WebhookDelivery NewRound(WebhookDelivery delivery, DateTimeOffset now) =>
        delivery with { State = WebhookDeliveryState.Pending, RoundAttempts = 0, NextAttemptAt = now, UpdatedAt = now };
}
