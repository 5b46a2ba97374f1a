namespace Payments.Application.Reconciliation;

/// <summary>
/// The period's payments in one currency. <see cref="Requested"/>, <see cref="Completed"/> and <see cref="Failed"/> sum
/// the amounts clients asked for, so requested = completed + failed + still open; <see cref="Reversed"/> sums what the
/// reversals paid back to source accounts.
/// </summary>
public sealed record CurrencySummary(
    string Currency,
    ReconciliationTally Requested,
    ReconciliationTally Completed,
    ReconciliationTally Failed,
    ReconciliationTally Reversed);
