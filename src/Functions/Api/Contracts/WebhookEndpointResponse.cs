using System.ComponentModel;
using System.Text.Json.Serialization;

namespace Payments.Functions.Api.Contracts;

/// <summary>
/// A webhook endpoint as its client sees it. The signing secret appears only in the answers to its creation and to a
/// rotation; it is never readable again.
/// </summary>
public sealed record WebhookEndpointResponse(
    string Id,
    string Url,
    [property: Description("The event types sent to this endpoint; empty means every type.")] IReadOnlyList<string> EventTypes,
    string? Description,
    bool Enabled,
    [property: Description("gone (the endpoint answered 410), failing (every delivery failed for 5 days) or client.")] string? DisabledReason,
    DateTimeOffset? DisabledAt,
    [property: Description("Since when every delivery to this endpoint has failed; null while it is healthy.")] DateTimeOffset? FailingSince,
    [property: Description("Until when the secret replaced by the last rotation still signs alongside the new one.")] DateTimeOffset? PreviousSecretExpiresAt,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    [property: Description("The whsec_ signing secret: only in the answers to POST /webhook-endpoints and rotate-secret.")]
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    string? Secret = null);
