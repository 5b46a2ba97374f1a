namespace Payments.Application.Webhooks;

/// <summary>One entry of the webhook event catalogue.</summary>
public sealed record WebhookEventType(string Type, string Description, bool IsPaymentEvent);
