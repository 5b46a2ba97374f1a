namespace Payments.Functions.Api.Contracts;

/// <summary>
/// PATCH /webhook-endpoints/{id} body: an absent member leaves that field as it is; <c>description: null</c> or
/// <c>""</c> clears the description; <c>enabled: true</c> re-enables a disabled endpoint.
/// </summary>
public sealed record UpdateWebhookEndpointBody(string? Url, IReadOnlyList<string>? EventTypes, string? Description, bool? Enabled);
