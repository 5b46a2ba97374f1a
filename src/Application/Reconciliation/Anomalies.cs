using Payments.Domain.Ramps;

namespace Payments.Application.Reconciliation;

/// <summary>Builds anomalies from what each side holds, so every finding fills the same fields the same way.</summary>
internal static class Anomalies
{
    /// <summary>A finding about a statement line: the provider's side from the line, the ledger's from its leg when it has one.</summary>
    public static ReconciliationAnomaly FromLine(AnomalyKind kind, SettlementStatementLine line, Guid? paymentId, LedgerLeg? leg, string detail) =>
        new(
            kind,
            paymentId,
            line.Leg,
            line.RequestKey,
            line.TransactionId,
            MinorUnits.Scaled(leg?.Amount, leg?.Currency),
            leg?.Currency,
            MinorUnits.Scaled(line.Amount, line.Currency ?? leg?.Currency),
            line.Currency,
            detail);

    /// <summary>A finding about a leg the ledger recorded.</summary>
    public static ReconciliationAnomaly FromLeg(AnomalyKind kind, LedgerPayment payment, LedgerLeg leg, string detail) =>
        new(
            kind,
            payment.State.PaymentId,
            leg.Leg,
            RampRequestKey.For(payment.State.PaymentId, leg.Leg).Value,
            leg.TransactionId,
            MinorUnits.Scaled(leg.Amount, leg.Currency),
            leg.Currency,
            null,
            null,
            detail);

    /// <summary>A finding about a payment as a whole, in its own currency and amount.</summary>
    public static ReconciliationAnomaly FromPayment(AnomalyKind kind, LedgerPayment payment, string detail) =>
        new(kind, payment.State.PaymentId, null, null, null, MinorUnits.Scaled(payment.State.Amount, payment.State.Currency), payment.State.Currency, null, null, detail);

    /// <summary>One order for every report: by kind, then payment, leg and transaction.</summary>
    public static List<ReconciliationAnomaly> Ordered(IEnumerable<ReconciliationAnomaly> anomalies) =>
    [
        .. anomalies
            .OrderBy(a => a.Kind)
            .ThenBy(a => a.PaymentId)
            .ThenBy(a => a.Leg)
            .ThenBy(a => a.TransactionId, StringComparer.Ordinal),
    ];
}
