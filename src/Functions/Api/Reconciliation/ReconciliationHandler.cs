using Microsoft.AspNetCore.Mvc;
using Payments.Application.Reconciliation;

namespace Payments.Functions.Api.Reconciliation;

/// <summary>GET /reconciliation?from=&amp;to=: the ledger held against the providers' statements for [from, to), as `reconcile --json` prints it.</summary>
public static class ReconciliationHandler
{
    public static async Task<IResult> Handle(HttpContext http, [FromServices] PaymentReconciler reconciler, CancellationToken cancellationToken)
    {
        var query = http.Request.Query;
        if (!ReconciliationPeriod.TryParse(query["from"].ToString(), query["to"].ToString(), out var period, out var errors))
        {
            return Problems.Validation(errors);
        }

        var report = await reconciler.Reconcile(period!, cancellationToken);
        return Results.Json(report, ReconciliationJsonContext.Default.ReconciliationReport);
    }
}
