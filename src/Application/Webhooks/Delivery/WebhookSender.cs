using Payments.Application.Webhooks.Deliveries;
using Payments.Application.Webhooks.Endpoints;
using Payments.Application.Webhooks.Queue;
using Payments.Application.Webhooks.Sending;

namespace Payments.Application.Webhooks.Delivery;

/// <summary>
/// One attempt of one delivery: skip it if it is settled or its endpoint is gone or disabled, wait for the endpoint's
/// throttle, take the delivery for this attempt (a lease: a duplicate message of it waits instead of sending too), sign the stored payload with every signing secret, POST it, record the attempt, and decide: 2xx
/// delivered; 410 fails it and disables the endpoint; anything else (3xx, 4xx, 5xx, timeout, refused address) is
/// retried on the <see cref="WebhookRetryPolicy"/> until the round's last attempt, which dead-letters it.
/// The <c>webhook-id</c> is the message's, the same on every attempt and redelivery.
/// </summary>
public sealed class WebhookSender(
    IWebhookDeliveryStore deliveries,
    IWebhookEndpointStore endpoints,
    WebhookEndpointService secrets,
    EndpointHealth health,
    EndpointThrottle throttle,
    IWebhookTransport transport,
    WebhookRetryPolicy retries,
    WebhookOptions options,
    TimeProvider time,
    ILogger<WebhookSender> logger)
{
    /// <summary>Beyond the send's timeout, so a lease outlives any attempt that is still running.</summary>
    private static readonly TimeSpan LeaseMargin = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan MinimumWait = TimeSpan.FromSeconds(1);

    public async Task<WebhookDisposition> Attempt(string deliveryId, CancellationToken cancellationToken)
    {
        var delivery = await deliveries.FindDelivery(deliveryId, cancellationToken).ConfigureAwait(false);
        if (delivery is not { State: WebhookDeliveryState.Pending })
        {
            return new WebhookDisposition.Done(delivery is null ? "no such delivery" : $"delivery already {delivery.State}");
        }

        var endpoint = await endpoints.Find(delivery.ClientId, delivery.EndpointId, cancellationToken).ConfigureAwait(false);
        if (endpoint is not { Enabled: true })
        {
            await deliveries.SaveDelivery(Settle(delivery, WebhookDeliveryState.Skipped, endpoint is null ? "endpoint deleted" : "endpoint disabled"), cancellationToken).ConfigureAwait(false);
            return new WebhookDisposition.Done("endpoint unavailable");
        }

        if (throttle.TryTake(endpoint.EndpointId) is { } wait)
        {
            return new WebhookDisposition.Defer(wait, "endpoint throttled");
        }

        var claimedAt = time.GetUtcNow();
        if (!await deliveries.Claim(delivery.DeliveryId, delivery.Attempts, claimedAt, claimedAt + options.Timeout + LeaseMargin, cancellationToken).ConfigureAwait(false))
        {
            return await NotClaimed(delivery.DeliveryId, claimedAt, cancellationToken).ConfigureAwait(false);
        }

        var message = await deliveries.FindMessage(delivery.MessageId, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidOperationException($"Delivery {delivery.DeliveryId} names message {delivery.MessageId}, which is not stored.");
        var sentAt = time.GetUtcNow();
        var signature = WebhookSignature.Header(message.MessageId, sentAt, message.Payload, await secrets.SigningSecrets(endpoint, cancellationToken).ConfigureAwait(false));
        var response = await transport.Post(new WebhookRequest(new Uri(endpoint.Url), message.MessageId, sentAt, signature, message.Payload), cancellationToken).ConfigureAwait(false);
        return await Conclude(delivery, endpoint, response, sentAt, cancellationToken).ConfigureAwait(false);
    }

    private async Task<WebhookDisposition> Conclude(WebhookDelivery delivery, WebhookEndpoint endpoint, WebhookResponse response, DateTimeOffset sentAt, CancellationToken cancellationToken)
    {
        var attempt = delivery.Attempts + 1;
        var round = delivery.RoundAttempts + 1;
        var gone = response.StatusCode == 410;
        var last = gone || round >= options.MaxAttempts;
        var delay = response.IsSuccess || last ? (TimeSpan?)null : retries.After(round, response.RetryAfter);
        var state = response.IsSuccess ? WebhookDeliveryState.Delivered : last ? WebhookDeliveryState.Failed : WebhookDeliveryState.Pending;
        var now = time.GetUtcNow();
        var next = delay is { } d ? now + d : (DateTimeOffset?)null;
        var updated = delivery with
        {
            State = state, Attempts = attempt, RoundAttempts = round, LastStatusCode = response.StatusCode, LastError = response.Error, NextAttemptAt = next, UpdatedAt = now,
        };
        var record = new WebhookAttempt(
            delivery.DeliveryId, attempt, delivery.MessageId, delivery.EndpointId, delivery.ClientId, delivery.EventType, delivery.PaymentId,
            sentAt, response.StatusCode, response.Latency, response.Error, next);
        if (!await deliveries.RecordAttempt(record, updated, cancellationToken).ConfigureAwait(false))
        {
            // A duplicate message of this delivery was sent and recorded first; that sender's verdict carries it on.
            WebhookLog.AttemptRaced(logger, delivery.DeliveryId, delivery.MessageId, attempt);
            return new WebhookDisposition.Done("attempt recorded by another sender");
        }

        WebhookTelemetry.Attempted(response.IsSuccess ? "delivered" : last ? "dead" : "failed");
        if (response.IsSuccess)
        {
            WebhookLog.Delivered(logger, delivery.DeliveryId, delivery.MessageId, endpoint.EndpointId, attempt, response.StatusCode, (long)response.Latency.TotalMilliseconds);
            await health.Succeeded(endpoint, cancellationToken).ConfigureAwait(false);
            return new WebhookDisposition.Done("delivered");
        }

        if (gone)
        {
            await health.Disable(endpoint, WebhookDisabledReasons.Gone, cancellationToken).ConfigureAwait(false);
            return new WebhookDisposition.Done("endpoint answered 410 Gone; disabled");
        }

        await health.Failed(endpoint, sentAt, cancellationToken).ConfigureAwait(false);
        if (delay is { } retryIn)
        {
            WebhookLog.AttemptFailed(logger, delivery.DeliveryId, delivery.MessageId, endpoint.EndpointId, attempt, response.Error, retryIn);
            return new WebhookDisposition.Retry(retryIn, response.Error ?? "failed");
        }

        WebhookLog.DeadLettered(logger, delivery.DeliveryId, delivery.MessageId, endpoint.EndpointId, attempt, response.Error);
        return new WebhookDisposition.DeadLetter(response.Error ?? "failed");
    }

    /// <summary>
    /// Another copy of this delivery's message holds it, or its next attempt is not due yet (a duplicate arriving
    /// during a retry's wait): come back when it may be due, or stop if it settled meanwhile.
    /// </summary>
    private async Task<WebhookDisposition> NotClaimed(string deliveryId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var current = await deliveries.FindDelivery(deliveryId, cancellationToken).ConfigureAwait(false);
        if (current is not { State: WebhookDeliveryState.Pending })
        {
            return new WebhookDisposition.Done(current is null ? "no such delivery" : $"delivery already {current.State}");
        }

        var due = current.NextAttemptAt is { } next && next > now ? next - now : TimeSpan.Zero;
        return new WebhookDisposition.Defer(due > MinimumWait ? due : MinimumWait, "delivery held by another sender or not yet due");
    }

    private WebhookDelivery Settle(WebhookDelivery delivery, WebhookDeliveryState state, string why) =>
        delivery with { State = state, LastError = why, NextAttemptAt = null, UpdatedAt = time.GetUtcNow() };
}
