using System.ComponentModel;

namespace Payments.Functions.Api.Contracts;

/// <summary>One HTTP attempt of a webhook delivery.</summary>
public sealed record WebhookAttemptResponse(
    string DeliveryId,
    [property: Description("The webhook-id header: the same for every attempt and every endpoint of one message.")] string MessageId,
    [property: Description("1 for the first attempt of the delivery; a redelivery carries on the count.")] int Attempt,
    string EventType,
    Guid? PaymentId,
    DateTimeOffset At,
    [property: Description("The receiver's HTTP status; null when no answer came (timeout, refused address, connection failure).")] int? StatusCode,
    long LatencyMs,
    string? Error,
    [property: Description("When the next attempt is due; null when none will follow.")] DateTimeOffset? NextAttemptAt);
