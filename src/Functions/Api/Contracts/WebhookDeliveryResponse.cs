using System.ComponentModel;

namespace Payments.Functions.Api.Contracts;

/// <summary>One webhook message to one endpoint, retried and recorded on its own, with its attempts in order.</summary>
public sealed record WebhookDeliveryResponse(
    string Id,
    [property: Description("The webhook-id header, stable across retries and redeliveries.")] string MessageId,
    string EndpointId,
    string EventType,
    [property: Description("pending, delivered, failed or skipped (the endpoint was disabled or deleted).")] string State,
    int AttemptCount,
    int? LastStatusCode,
    string? LastError,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<WebhookAttemptResponse> Attempts);
