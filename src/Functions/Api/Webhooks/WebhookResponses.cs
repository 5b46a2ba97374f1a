using Payments.Application.Webhooks.Deliveries;
using Payments.Application.Webhooks.Endpoints;
using Payments.Functions.Api.Contracts;

namespace Payments.Functions.Api.Webhooks;

/// <summary>
/// Maps endpoints, deliveries and attempts onto their public shapes; a sealed secret never leaves through here. Times
/// are given to the millisecond, the precision the stores keep, so the answer to a change and a later read agree.
/// </summary>
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
            Millis(endpoint.DisabledAt),
            Millis(endpoint.FailingSince),
            Millis(endpoint.PreviousSecretExpiresAt),
            Millis(endpoint.CreatedAt),
            Millis(endpoint.UpdatedAt),
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
            Millis(attempt.At),
            attempt.StatusCode,
            (long)Math.Round(attempt.Latency.TotalMilliseconds),
            attempt.Error,
            Millis(attempt.NextAttemptAt));
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
            Millis(delivery.NextAttemptAt),
            Millis(delivery.CreatedAt),
            Millis(delivery.UpdatedAt),
            [.. attempts.Select(Attempt)]);
    }

    private static DateTimeOffset Millis(DateTimeOffset instant) => DateTimeOffset.FromUnixTimeMilliseconds(instant.ToUnixTimeMilliseconds()).ToOffset(instant.Offset);

    private static DateTimeOffset? Millis(DateTimeOffset? instant) => instant is { } value ? Millis(value) : null;

    public static string StateName(WebhookDeliveryState state) => state switch
    {
        WebhookDeliveryState.Pending => "pending",
        WebhookDeliveryState.Delivered => "delivered",
        WebhookDeliveryState.Failed => "failed",
        WebhookDeliveryState.Skipped => "skipped",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Unknown delivery state"),
    };
}
