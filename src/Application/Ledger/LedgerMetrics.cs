using System.Diagnostics.Metrics;
using Payments.Domain.State;

namespace Payments.Application.Ledger;

/// <summary>
/// Payments in and out of the ledger by currency: accepted requests (a 202, never a replay of one) and payments reaching
/// COMPLETED or FAILED, with the time from the request to that terminal event. Counted by the writer whose append made
/// it so, which happens exactly once per payment (appends carry the expected version).
/// </summary>
public static class LedgerMetrics
{
    public const string MeterName = "Payments.Ledger";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Requested = Meter.CreateCounter<long>("payments.requested", "{payment}", "Payments accepted (202), replays excluded");
    private static readonly Counter<long> Completed = Meter.CreateCounter<long>("payments.completed", "{payment}", "Payments that reached COMPLETED");
    private static readonly Counter<long> Failed = Meter.CreateCounter<long>("payments.failed", "{payment}", "Payments that reached FAILED");
    private static readonly Histogram<double> TimeToTerminal = Meter.CreateHistogram<double>(
        "payments.time_to_terminal", "s", "From the recorded request to the terminal event");

    public static void Accepted(Payment payment)
    {
        ArgumentNullException.ThrowIfNull(payment);
        Requested.Add(1, new KeyValuePair<string, object?>("currency", payment.Currency));
    }

    /// <summary>Counts <paramref name="after"/> if this change is the one that made the payment terminal.</summary>
    public static void Changed(Payment before, Payment after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        if (before.IsTerminal || !after.IsTerminal)
        {
            return;
        }

        var currency = new KeyValuePair<string, object?>("currency", after.Currency);
        (after.Status == PaymentStatus.Completed ? Completed : Failed).Add(1, currency);
        var took = (after.ProcessedAt ?? after.UpdatedAt) - after.CreatedAt;
        TimeToTerminal.Record(Math.Max(0, took.TotalSeconds), currency, new KeyValuePair<string, object?>("status", after.Status == PaymentStatus.Completed ? "COMPLETED" : "FAILED"));
    }
}
