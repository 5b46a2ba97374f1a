using Payments.Application.Webhooks.Deliveries;

namespace Payments.Functions.OperatorConsole;

/// <summary>A webhook delivery of the payment with every attempt, in attempt order.</summary>
public sealed record DeliveryView(WebhookDelivery Delivery, IReadOnlyList<WebhookAttempt> Attempts);
