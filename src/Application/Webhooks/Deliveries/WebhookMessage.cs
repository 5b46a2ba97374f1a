namespace Payments.Application.Webhooks.Deliveries;

/// <summary>
/// One webhook message, the same for every endpoint it goes to. <see cref="MessageId"/> is the <c>webhook-id</c>
/// (deterministic, <see cref="WebhookIds"/>); <see cref="Payload"/> is the exact body that is signed and sent.
/// <see cref="PaymentId"/> and <see cref="Sequence"/> (the payment's event version) are null for endpoint events.
/// </summary>
public sealed record WebhookMessage(
    string MessageId,
    string ClientId,
    string EventType,
    Guid? PaymentId,
    long? Sequence,
    DateTimeOffset Timestamp,
    string Payload);
