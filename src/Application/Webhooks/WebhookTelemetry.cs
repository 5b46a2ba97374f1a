using System.Diagnostics;
using System.Diagnostics.Metrics;
using Payments.Application.Webhooks.Queue;
using Payments.EventStore.Contract;

namespace Payments.Application.Webhooks;

/// <summary>
/// Webhook spans and instruments. The fan-out continues the trace of the ledger event it expands (the worker's, and so
/// the API request's); each delivery message carries the fan-out's context on to the send. Attempts are counted by
/// outcome: <c>delivered</c>, <c>failed</c> (to be retried) and <c>dead</c> (the round's last attempt, or 410 Gone).
/// </summary>
public static class WebhookTelemetry
{
    public const string Name = "Payments.Webhooks";

    public const string FanOutSpan = "payments.webhook.fan_out";
    public const string SendSpan = "payments.webhook.send";

    public static readonly ActivitySource Source = new(Name);

    private static readonly Meter Meter = new(Name);
    private static readonly Counter<long> Attempts = Meter.CreateCounter<long>("payments.webhook.attempts", "{attempt}", "Webhook delivery attempts by outcome");

    public static Activity? StartFanOut(StoredEvent cause)
    {
        ArgumentNullException.ThrowIfNull(cause);
        if (!Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity(FanOutSpan, ActivityKind.Consumer, TraceContext.Parent(cause.Metadata.Traceparent, cause.Metadata.Tracestate));
        activity?.SetTag("payments.payment_id", cause.StreamId.Value);
        activity?.SetTag("payments.event.version", cause.Version);
        return activity;
    }

    public static Activity? StartSend(WebhookQueueMessage.Delivery delivery)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        if (!Source.HasListeners())
        {
            return null;
        }

        var activity = Source.StartActivity(SendSpan, ActivityKind.Producer, TraceContext.Parent(delivery.Traceparent, delivery.Tracestate));
        activity?.SetTag("payments.webhook.delivery_id", delivery.DeliveryId);
        return activity;
    }

    public static void Attempted(string outcome) => Attempts.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
}
