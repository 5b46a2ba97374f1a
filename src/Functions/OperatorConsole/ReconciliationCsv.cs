using System.Globalization;
using System.Text;
using System.Text.Json;
using Payments.Application.Reconciliation;
using Payments.Domain.Ramps;
using Payments.Functions.Cli.Export;

namespace Payments.Functions.OperatorConsole;

/// <summary>The reconciliation report as finance opens it in a spreadsheet: one row per anomaly, amounts as exact decimal text.</summary>
public static class ReconciliationCsv
{
    /// <summary>The wire name (<c>missing_in_ledger</c>), as the API's JSON report writes it.</summary>
    public static string Kind(AnomalyKind kind) => JsonNamingPolicy.SnakeCaseLower.ConvertName(kind.ToString());

    public static string? Leg(RampLeg? leg) => leg is { } l ? JsonNamingPolicy.SnakeCaseLower.ConvertName(l.ToString()) : null;

    public static string Write(ReconciliationReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var csv = new StringBuilder();
        csv.Append(CsvText.Line(["kind", "payment_id", "leg", "request_key", "transaction_id", "ledger_amount", "ledger_currency", "provider_amount", "provider_currency", "detail"]));
        foreach (var a in report.Anomalies)
        {
            csv.Append(CsvText.Line(
            [
                Kind(a.Kind), a.PaymentId?.ToString("D"), Leg(a.Leg), CsvText.Inert(a.RequestKey), CsvText.Inert(a.TransactionId),
                a.LedgerAmount?.ToString(CultureInfo.InvariantCulture), a.LedgerCurrency,
                a.ProviderAmount?.ToString(CultureInfo.InvariantCulture), a.ProviderCurrency, CsvText.Inert(a.Detail),
            ]));
        }

        return csv.ToString();
    }
}
