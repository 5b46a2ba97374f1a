using System.Text;
using Payments.Application.Reconciliation;

namespace Payments.Functions.Cli;

/// <summary>The reconciliation report for people: the period, a table per currency, then one line per anomaly.</summary>
internal static class ReconciliationText
{
    public static string Render(ReconciliationReport report)
    {
        var text = new StringBuilder();
        Line(text, $"reconciliation [{report.From:O}, {report.To:O}), stuck after {report.StuckAfter:c}, at {report.GeneratedAt:O}");
        Line(text, $"{report.Payments} payments requested, {report.StatementLines} statement lines executed, {report.MatchedLegs} legs matched");
        Line(text, "");
        Line(text, Row("currency", "requested", "completed", "failed", "reversed"));
        foreach (var c in report.Currencies)
        {
            Line(text, Row(c.Currency, Tally(c.Requested), Tally(c.Completed), Tally(c.Failed), Tally(c.Reversed)));
        }

        Line(text, "");
        Line(text, report.Clean ? "no anomalies" : $"{report.Anomalies.Count} anomalies");
        foreach (var a in report.Anomalies)
        {
            Line(text, $"{Name(a.Kind),-25} {a.PaymentId?.ToString("D") ?? "-",-36} {Leg(a),-9} {a.TransactionId ?? "-"}  {a.Detail}");
        }

        return text.ToString().TrimEnd();
    }

    private static string Row(string currency, string requested, string completed, string failed, string reversed) =>
        $"{currency,-9}{requested,-22}{completed,-22}{failed,-22}{reversed}";

    private static string Tally(ReconciliationTally tally) => FormattableString.Invariant($"{tally.Count} / {tally.Amount}");

    private static string Leg(ReconciliationAnomaly anomaly) => anomaly.Leg is { } leg ? Domain.Ramps.RampLegNames.Of(leg) : "-";

    /// <summary>The same names the JSON report uses.</summary>
    private static string Name(AnomalyKind kind) =>
        System.Text.Json.JsonSerializer.Serialize(kind, ReconciliationJsonContext.Default.AnomalyKind).Trim('"');

    private static void Line(StringBuilder text, string line) => text.Append(line).Append('\n');
}
