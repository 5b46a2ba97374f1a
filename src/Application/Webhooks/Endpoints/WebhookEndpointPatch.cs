namespace Payments.Application.Webhooks.Endpoints;

/// <summary>A change to an endpoint; a null member leaves that field as it is. Enabling clears a disablement.</summary>
public sealed record WebhookEndpointPatch(string? Url, IReadOnlyList<string>? EventTypes, string? Description, bool? Enabled);
