namespace Payments.Functions.Api.Contracts;

/// <summary>POST /webhook-endpoints body; <c>event_types</c> absent or empty subscribes to every type.</summary>
public sealed record CreateWebhookEndpointBody(string? Url, IReadOnlyList<string>? EventTypes, string? Description);
