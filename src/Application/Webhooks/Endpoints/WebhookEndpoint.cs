namespace Payments.Application.Webhooks.Endpoints;

/// <summary>
/// A client's webhook receiver. Secrets are stored sealed (<see cref="IWebhookSecretCipher"/>), never in clear.
/// <see cref="EventTypes"/> empty means every type. <see cref="Revision"/> starts at 1 and grows by one per change;
/// a store replaces an endpoint only over the revision before it (optimistic concurrency).
/// </summary>
public sealed record WebhookEndpoint(
    string EndpointId,
    string ClientId,
    string Url,
    IReadOnlyList<string> EventTypes,
    string? Description,
    bool Enabled,
    string? DisabledReason,
    DateTimeOffset? DisabledAt,
    string SealedSecret,
    string? PreviousSealedSecret,
    DateTimeOffset? PreviousSecretExpiresAt,
    DateTimeOffset? FailingSince,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Revision)
{
    public bool Wants(string eventType) => EventTypes.Count == 0 || EventTypes.Contains(eventType, StringComparer.Ordinal);
}
