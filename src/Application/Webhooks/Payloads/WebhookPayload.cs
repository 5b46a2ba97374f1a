using System.ComponentModel;

namespace Payments.Application.Webhooks.Payloads;

/// <summary>The Standard Webhooks body: <c>{type, timestamp, data}</c>.</summary>
public sealed record WebhookPayload<TData>(
    [property: Description("The event type, from the catalogue at GET /webhooks/event-types.")] string Type,
    [property: Description("When the event happened (not when it was sent).")] DateTimeOffset Timestamp,
    TData Data);
