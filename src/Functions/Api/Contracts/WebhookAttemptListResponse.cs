namespace Payments.Functions.Api.Contracts;

/// <summary>An endpoint's most recent webhook attempts, newest first.</summary>
public sealed record WebhookAttemptListResponse(IReadOnlyList<WebhookAttemptResponse> Items);
