using Payments.Domain.State;

namespace Payments.Application.Reconciliation;

/// <summary>Counts and exact sums of the period's payments, per currency in code order.</summary>
internal static class CurrencySummaries
{
    public static List<CurrencySummary> Of(IEnumerable<Payment> payments) =>
    [
        .. payments
            .GroupBy(p => p.Currency, StringComparer.Ordinal)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(Summarize),
    ];

    private static CurrencySummary Summarize(IGrouping<string, Payment> payments)
    {
        var zero = ReconciliationTally.ZeroIn(payments.Key);
        var summary = new CurrencySummary(payments.Key, zero, zero, zero, zero);
        foreach (var payment in payments)
        {
            summary = summary with { Requested = summary.Requested.Add(payment.Amount) };
            summary = payment.Status switch
            {
                PaymentStatus.Completed => summary with { Completed = summary.Completed.Add(payment.Amount) },
                PaymentStatus.Failed => summary with { Failed = summary.Failed.Add(payment.Amount) },
                _ => summary,
            };
            if (payment.ReversalTxId is not null)
            {
                summary = summary with { Reversed = summary.Reversed.Add(payment.ReversedAmount ?? 0m) };
            }
        }

        return summary;
    }
}
