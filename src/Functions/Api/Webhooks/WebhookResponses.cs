using Payments.Application.Webhooks.Deliveries;
using Payments.Application.Webhooks.Endpoints;
using Payments.Functions.Api.Contracts;

namespace Payments.Functions.Api.Webhooks;

/// <summary>Maps endpoints, deliveries and attempts onto their public shapes; a sealed secret never leaves through here.</summary>
public static class WebhookResponses
{
    public static WebhookEndpointResponse Endpoint(WebhookEndpoint endpoint, string? secret = null)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return new WebhookEndpointResponse(
            endpoint.EndpointId,
            endpoint.Url,
            endpoint.EventTypes,
            endpoint.Description,
            endpoint.Enabled,
            endpoint.DisabledReason,
            endpoint.DisabledAt,
            endpoint.FailingSince,
            endpoint.PreviousSecretExpiresAt,
            endpoint.CreatedAt,
            endpoint.UpdatedAt,
            secret);
    }

    public static WebhookAttemptResponse Attempt(WebhookAttempt attempt)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        return new WebhookAttemptResponse(
            attempt.DeliveryId,
            attempt.MessageId,
            attempt.Attempt,
            attempt.EventType,
            attempt.PaymentId,
            attempt.At,
            attempt.StatusCode,
            (long)Math.Round(attempt.Latency.TotalMilliseconds),
            attempt.Error,
            attempt.NextAttemptAt);
    }

    public static WebhookDeliveryResponse Delivery(WebhookDelivery delivery, IReadOnlyList<WebhookAttempt> attempts)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return new WebhookDeliveryResponse(
            delivery.DeliveryId,
            delivery.MessageId,
            delivery.EndpointId,
            delivery.EventType,
            StateName(delivery.State),
            delivery.Attempts,
            delivery.LastStatusCode,
            delivery.LastError,
            delivery.NextAttemptAt,
            delivery.CreatedAt,
            delivery.UpdatedAt,
            [.. attempts.Select(Attempt)]);
    }

    public static string StateName(WebhookDeliveryState state) => state switch
    {
        WebhookDeliveryState.Pending => "pending",
        WebhookDeliveryState.Delivered => "delivered",
        WebhookDeliveryState.Failed => "failed",
        WebhookDeliveryState.Skipped => "skipped",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown delivery state"),
    };
}
