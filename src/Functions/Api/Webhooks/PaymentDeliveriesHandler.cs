using Microsoft.AspNetCore.Mvc;
using Payments.Application.Ledger;
using Payments.Application.Webhooks.Deliveries;
using Payments.Domain.State;
using Payments.Functions.Api.Contracts;

namespace Payments.Functions.Api.Webhooks;

/// <summary>GET /payments/{id}/deliveries: every webhook delivery of the payment's events with each attempt.</summary>
public static class PaymentDeliveriesHandler
{
    public static async Task<IResult> Handle(
        string id, HttpContext http, [FromServices] PaymentLedger ledger, [FromServices] IWebhookDeliveryStore deliveries, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var paymentId))
        {
            return Problems.NotFound($"Payment {id}");
        }

        var payment = await ledger.Load(paymentId, cancellationToken);
        if (payment.Status == PaymentStatus.None || !ApiCaller.MayReadPaymentOf(http, payment.ClientId))
        {
            return Problems.NotFound($"Payment {id}");
        }

        var items = new List<WebhookDeliveryResponse>();
        foreach (var delivery in await deliveries.DeliveriesForPayment(payment.ClientId, paymentId, cancellationToken))
        {
            items.Add(WebhookResponses.Delivery(delivery, await deliveries.AttemptsForDelivery(delivery.DeliveryId, cancellationToken)));
        }

        return Results.Json(new PaymentDeliveriesResponse(paymentId, items), ApiJsonContext.Default.PaymentDeliveriesResponse);
    }
}
