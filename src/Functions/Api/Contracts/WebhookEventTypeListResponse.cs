namespace Payments.Functions.Api.Contracts;

/// <summary>The webhook event catalogue.</summary>
public sealed record WebhookEventTypeListResponse(IReadOnlyList<WebhookEventTypeResponse> Items);
