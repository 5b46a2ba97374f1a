namespace Payments.Application.Webhooks.Deliveries;

/// <summary>
/// One message to one endpoint, retried and recorded on its own. <see cref="Attempts"/> counts every attempt ever
/// (it numbers them); <see cref="RoundAttempts"/> counts those since the delivery was last queued (a redelivery or a
/// recovery starts a new round), and dead-letters it at the maximum.
/// </summary>
public sealed record WebhookDelivery(
    string DeliveryId,
    string MessageId,
    string EndpointId,
    string ClientId,
    string EventType,
    Guid? PaymentId,
    WebhookDeliveryState State,
    int Attempts,
    int RoundAttempts,
    int? LastStatusCode,
    string? LastError,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
