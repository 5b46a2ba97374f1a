using Microsoft.AspNetCore.Mvc;
using Payments.Domain.State;
using Payments.Application.Ledger;

namespace Payments.Functions.Api;

/// <summary>
/// GET /payments/{id}: folds the payment's own stream rather than reading the projection, so a
/// client always reads its writes; a stream is a handful of events on one indexed key.
/// </summary>
public static class GetPaymentHandler
{
    public static async Task<IResult> Handle(string id, HttpContext http, [FromServices] PaymentLedger ledger, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var paymentId))
        {
            return Problems.NotFound($"Payment {id}");
        }

        var payment = await ledger.Load(paymentId, cancellationToken);
        return payment.Status == PaymentStatus.None || payment.ClientId != ApiCaller.Client(http).ClientId
            ? Problems.NotFound($"Payment {id}")
            : Results.Json(PaymentResponses.From(payment), ApiJsonContext.Default.PaymentResponse);
    }
}
