namespace Payments.Application.Webhooks.Endpoints;

/// <summary>What a client asks for when registering an endpoint; <see cref="EventTypes"/> null or empty means every type.</summary>
public sealed record WebhookEndpointDraft(string? Url, IReadOnlyList<string>? EventTypes, string? Description);
