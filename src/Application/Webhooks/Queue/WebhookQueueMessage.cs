using System.Text.Json;
using System.Text.Json.Serialization;
using Payments.Application.Webhooks.Routing;
using Payments.EventStore.Contract;

namespace Payments.Application.Webhooks.Queue;

/// <summary>
/// The three kinds of webhook queue body: an envelope a routing rule matched (to fan out), a delivery (one message to
/// one endpoint), and a recovery (re-send an endpoint's window of messages, as a background job).
/// </summary>
public abstract record WebhookQueueMessage
{
    private WebhookQueueMessage()
    {
    }

    public sealed record Envelope(LedgerEventEnvelope Event) : WebhookQueueMessage;

    /// <summary>One delivery; <paramref name="Traceparent"/> and <paramref name="Tracestate"/> continue the trace that queued it (optional, absent from older bodies).</summary>
    public sealed record Delivery(
        [property: JsonPropertyName("delivery_id")] string DeliveryId,
        [property: JsonPropertyName("traceparent"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Traceparent = null,
        [property: JsonPropertyName("tracestate"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Tracestate = null) : WebhookQueueMessage;

    public sealed record Recovery(
        [property: JsonPropertyName("recover_endpoint_id")] string EndpointId,
        [property: JsonPropertyName("client_id")] string ClientId,
        [property: JsonPropertyName("since")] DateTimeOffset Since,
        [property: JsonPropertyName("until")] DateTimeOffset Until) : WebhookQueueMessage;

    /// <summary>A delivery's body, carrying <paramref name="trace"/> (usually <see cref="TraceContext.Current"/>) when there is one.</summary>
    public static string DeliveryBody(string deliveryId, TraceContext? trace) =>
        JsonSerializer.Serialize(new Delivery(deliveryId, trace?.Traceparent, trace?.Tracestate), WebhookQueueJsonContext.Default.Delivery);

    public static string RecoveryBody(Recovery recovery) =>
        JsonSerializer.Serialize(recovery, WebhookQueueJsonContext.Default.Recovery);

    /// <summary>Null when the body is none of the three (it is then dead-lettered for a person to read).</summary>
    public static WebhookQueueMessage? TryParse(string body)
    {
        if (string.IsNullOrWhiteSpace(body) || body.Length > 256 * 1024)
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            if (root.TryGetProperty("delivery_id", out _))
            {
                return root.Deserialize(WebhookQueueJsonContext.Default.Delivery) is { DeliveryId.Length: > 0 } delivery ? delivery : null;
            }

            if (root.TryGetProperty("recover_endpoint_id", out _))
            {
                return root.Deserialize(WebhookQueueJsonContext.Default.Recovery) is { EndpointId.Length: > 0, ClientId.Length: > 0 } recovery ? recovery : null;
            }

            return LedgerEventEnvelope.TryParse(body) is { } envelope ? new Envelope(envelope) : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
