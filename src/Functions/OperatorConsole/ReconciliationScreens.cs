using Microsoft.AspNetCore.Mvc;
using Payments.Application.Reconciliation;
using Payments.Functions.Api;
using Payments.Functions.OperatorConsole.Components;

namespace Payments.Functions.OperatorConsole;

/// <summary>The Reconciliation page and its CSV export: the API's <see cref="PaymentReconciler"/> over a chosen window (the last day unless chosen).</summary>
public static class ReconciliationScreens
{
    public static async Task<IResult> Show(HttpContext http, [FromServices] PaymentReconciler reconciler, [FromServices] TimeProvider time, CancellationToken cancellationToken)
    {
        var (from, to) = Window(http, time);
        ReconciliationReport? report = null;
        IReadOnlyList<Payments.Domain.Requests.FieldError> errors = [];
        if (ReconciliationPeriod.TryParse(ConsoleTime.Rfc3339(from), ConsoleTime.Rfc3339(to), out var period, out var refused))
        {
            report = await reconciler.Reconcile(period!, cancellationToken);
        }
        else
        {
            errors = refused;
        }

        return ConsoleResults.Page<ReconciliationPage>(
            StatusCodes.Status200OK,
            ("Caller", ApiCaller.Client(http)), ("From", from), ("To", to), ("Report", report), ("Errors", errors),
            ("CsvLink", "/console/reconciliation.csv" + QueryString.Create([KeyValuePair.Create("from", (string?)from), KeyValuePair.Create("to", (string?)to)])));
    }

    public static async Task<IResult> Csv(HttpContext http, [FromServices] PaymentReconciler reconciler, [FromServices] TimeProvider time, CancellationToken cancellationToken)
    {
        var (from, to) = Window(http, time);
        if (!ReconciliationPeriod.TryParse(ConsoleTime.Rfc3339(from), ConsoleTime.Rfc3339(to), out var period, out var errors))
        {
            return Problems.Validation(errors);
        }

        var report = await reconciler.Reconcile(period!, cancellationToken);
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"reconciliation-{period!.From.UtcDateTime:yyyyMMddTHHmm}-{period.To.UtcDateTime:yyyyMMddTHHmm}.csv\"";
        return Results.Text(ReconciliationCsv.Write(report), "text/csv; charset=utf-8");
    }

    private static (string From, string To) Window(HttpContext http, TimeProvider time)
    {
        var now = time.GetUtcNow();
        var end = new DateTimeOffset(now.Year, now.Month, now.Day, now.Hour, now.Minute, 0, TimeSpan.Zero).AddMinutes(1);
        var from = http.Request.Query["from"].ToString();
        var to = http.Request.Query["to"].ToString();
        return (from.Length > 0 ? from : ConsoleTime.Input(end.AddDays(-1)), to.Length > 0 ? to : ConsoleTime.Input(end));
    }
}
