namespace Payments.Application.Webhooks.Deliveries;

/// <summary>
/// One HTTP attempt of a delivery, as recorded: status code (null when no answer came), latency, error (timeout,
/// refused address, connection failure, non-2xx) and when the next attempt is due (null when none will follow).
/// </summary>
public sealed record WebhookAttempt(
    string DeliveryId,
    int Attempt,
    string MessageId,
    string EndpointId,
    string ClientId,
    string EventType,
    Guid? PaymentId,
    DateTimeOffset At,
    int? StatusCode,
    TimeSpan Latency,
    string? Error,
    DateTimeOffset? NextAttemptAt);
