namespace Payments.Application.Reconciliation;

/// <summary>
/// The outcome of holding the ledger against the providers' statements for [<see cref="From"/>, <see cref="To"/>):
/// the payments requested in the period, the statement lines executed in it, how many legs matched, a summary per
/// currency and every anomaly, each once.
/// </summary>
public sealed record ReconciliationReport(
    DateTimeOffset From,
    DateTimeOffset To,
    DateTimeOffset GeneratedAt,
    TimeSpan StuckAfter,
    int Payments,
    int StatementLines,
    int MatchedLegs,
    IReadOnlyList<CurrencySummary> Currencies,
    IReadOnlyList<ReconciliationAnomaly> Anomalies)
{
    public bool Clean => Anomalies.Count == 0;
}
