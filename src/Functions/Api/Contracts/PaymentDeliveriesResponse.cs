namespace Payments.Functions.Api.Contracts;

/// <summary>Every webhook delivery of a payment's events, by creation.</summary>
public sealed record PaymentDeliveriesResponse(Guid PaymentId, IReadOnlyList<WebhookDeliveryResponse> Items);
