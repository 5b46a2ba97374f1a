using Microsoft.AspNetCore.Mvc;
using Payments.Application.Ledger;
using Payments.Domain.Requests;
using Payments.Domain.State;

namespace Payments.Functions.Api;

/// <summary>
/// GET /payments/{id}[?as_of_version=N | ?as_of=T]: folds the payment's own stream rather than reading the projection,
/// so a client always reads its writes; a stream is a handful of events on one indexed key. With a point, the fold
/// stops there: the state an auditor would have seen then.
/// </summary>
public static class GetPaymentHandler
{
    public static async Task<IResult> Handle(string id, HttpContext http, [FromServices] PaymentLedger ledger, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var point = HistoryPointQuery.Parse(http.Request.Query, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        if (!Guid.TryParse(id, out var paymentId))
        {
            return Problems.NotFound($"Payment {id}");
        }

        if (point is null)
        {
            var payment = await ledger.Load(paymentId, cancellationToken);
            return Visible(http, payment) ? Results.Json(PaymentResponses.From(payment), ApiJsonContext.Default.PaymentResponse) : Problems.NotFound($"Payment {id}");
        }

        var found = await ledger.LoadAt(paymentId, point, cancellationToken);
        if (!Visible(http, found.Latest))
        {
            return Problems.NotFound($"Payment {id}");
        }

        return found.AtPoint is { } then
            ? Results.Json(PaymentResponses.From(then), ApiJsonContext.Default.PaymentResponse)
            : Problems.NotAtPoint(paymentId, Describe(point, found.Latest));
    }

    private static bool Visible(HttpContext http, Payment payment) =>
        payment.Status != PaymentStatus.None && ApiCaller.MayReadPaymentOf(http, payment.ClientId);

    private static string Describe(HistoryPoint point, Payment latest) => point switch
    {
        HistoryPoint.AtVersion v => $"it has {latest.Version} version(s); version {v.Version} has not been recorded",
        HistoryPoint.RecordedBy t => $"nothing of it had been recorded by {t.Time:O}",
        _ => throw new ArgumentOutOfRangeException(nameof(point), point, "Unknown history point."),
    };
}
