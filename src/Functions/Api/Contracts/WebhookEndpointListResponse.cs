namespace Payments.Functions.Api.Contracts;

/// <summary>The caller's webhook endpoints, oldest first.</summary>
public sealed record WebhookEndpointListResponse(IReadOnlyList<WebhookEndpointResponse> Items);
