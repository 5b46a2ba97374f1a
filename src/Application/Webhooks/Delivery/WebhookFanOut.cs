using System.Globalization;
using System.Text.Json;
using Payments.Application.Ledger;
using Payments.Application.Webhooks.Deliveries;
using Payments.Application.Webhooks.Endpoints;
using Payments.Application.Webhooks.Payloads;
using Payments.Application.Webhooks.Queue;
using Payments.Application.Webhooks.Routing;
using Payments.Domain.State;
using Payments.EventStore.Contract;

namespace Payments.Application.Webhooks.Delivery;

/// <summary>
/// Turns a routed envelope into one webhook message and one delivery per subscribed endpoint. The payment is folded
/// from its own stream up to the envelope's version, so the payload is the payment as of that event whatever
/// happened since, and carries that version as <c>sequence</c>. Ids are deterministic: an envelope handled twice
/// (SQS redelivery, a router page re-read after a crash) stores nothing new and re-queues only undelivered work.
/// </summary>
public sealed class WebhookFanOut(
    IEventReader ledger,
    IWebhookEndpointStore endpoints,
    IWebhookDeliveryStore deliveries,
    IWebhookQueue queue,
    TimeProvider time,
    ILogger<WebhookFanOut> logger)
{
    public async Task<WebhookDisposition> Expand(LedgerEventEnvelope envelope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        if (!WebhookEventTypes.ByLedgerType.TryGetValue(envelope.DetailType, out var eventType)
            || !Guid.TryParse(envelope.Detail.PaymentId, out var paymentId)
            || !long.TryParse(envelope.Detail.Version, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence) || sequence < 1)
        {
            return new WebhookDisposition.Done($"{envelope.DetailType} is not a webhook event");
        }

        var history = await ledger.ReadStream(new StreamId(envelope.Detail.PaymentId), 1, cancellationToken).ConfigureAwait(false);
        if (history.Count < sequence)
        {
            // Streams can hand us an event before a read of the table sees it; the ledger catches up within seconds.
            WebhookLog.LedgerBehind(logger, envelope.Detail.PaymentId, envelope.Detail.Version, history.Count);
            return new WebhookDisposition.Retry(TimeSpan.FromSeconds(5), "the ledger has not caught up with the envelope");
        }

        var upTo = history.Take((int)sequence).ToList();
        using var span = WebhookTelemetry.StartFanOut(upTo[^1]);
        var payment = PaymentFold.Replay(upTo.Select(PaymentLedger.Decode));
        var message = await deliveries.AddMessage(Message(payment, eventType, upTo[^1]), cancellationToken).ConfigureAwait(false);
        var subscribers = (await endpoints.ListFor(payment.ClientId, cancellationToken).ConfigureAwait(false))
            .Where(e => e.Enabled && e.Wants(eventType) && e.CreatedAt <= message.Timestamp)
            .ToList();
        await Queue(message, subscribers, cancellationToken).ConfigureAwait(false);
        WebhookLog.FannedOut(logger, paymentId, sequence, eventType, message.MessageId, subscribers.Count);
        return new WebhookDisposition.Done("fanned out");
    }

    /// <summary>Opens a delivery of <paramref name="message"/> to each endpoint and queues those not yet delivered.</summary>
    public async Task<int> Queue(WebhookMessage message, IEnumerable<WebhookEndpoint> to, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(to);
        var bodies = new List<string>();
        foreach (var endpoint in to)
        {
            var delivery = await deliveries.OpenDelivery(NewDelivery(message, endpoint.EndpointId), cancellationToken).ConfigureAwait(false);
            if (delivery.State == WebhookDeliveryState.Pending)
            {
                bodies.Add(WebhookQueueMessage.DeliveryBody(delivery.DeliveryId, TraceContext.Current()));
            }
        }

        if (bodies.Count > 0)
        {
            await queue.Send(bodies, TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        }

        return bodies.Count;
    }

    public WebhookDelivery NewDelivery(WebhookMessage message, string endpointId)
    {
        ArgumentNullException.ThrowIfNull(message);
        var now = time.GetUtcNow();
        return new WebhookDelivery(
            WebhookIds.Delivery(message.MessageId, endpointId), message.MessageId, endpointId, message.ClientId, message.EventType, message.PaymentId,
            WebhookDeliveryState.Pending, Attempts: 0, RoundAttempts: 0, null, null, now, now, now);
    }

    private static WebhookMessage Message(Payment payment, string eventType, StoredEvent cause)
    {
        var payload = new WebhookPayload<PaymentWebhookData>(eventType, cause.OccurredAt, PaymentWebhookData.From(payment));
        return new WebhookMessage(
            WebhookIds.ForPaymentEvent(payment.PaymentId, cause.Version, eventType),
            payment.ClientId,
            eventType,
            payment.PaymentId,
            cause.Version,
            cause.OccurredAt,
            JsonSerializer.Serialize(payload, WebhookPayloadJsonContext.Default.WebhookPayloadPaymentWebhookData));
    }
}
