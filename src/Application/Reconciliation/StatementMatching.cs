using Payments.Domain.Ramps;

namespace Payments.Application.Reconciliation;

/// <summary>
/// Holds the providers' statement lines against the ledger's legs by transaction id, amount and currency. The request
/// key on a line (our reference on the provider's books) names the payment and leg it must match.
/// </summary>
internal static class StatementMatching
{
    /// <summary>Each line executed in the period: matched, or one anomaly.</summary>
    public static (int Matched, List<ReconciliationAnomaly> Anomalies) Lines(
        IEnumerable<SettlementStatementLine> lines, IReadOnlyDictionary<Guid, LedgerPayment> ledger)
    {
        var matched = 0;
        var anomalies = new List<ReconciliationAnomaly>();
        foreach (var line in lines)
        {
            var known = RampRequestKey.TryParse(line.RequestKey, out var key);
            var payment = known ? ledger.GetValueOrDefault(key.PaymentId) : null;
            var leg = payment?.Leg(key.Leg);
            if (leg is { HasTransactionId: false })
            {
                // The ledger completed the leg without the provider's id: the payment's own check reports it, naming this line.
                continue;
            }

            if (Compare(line, known ? key : null, payment, leg) is { } anomaly)
            {
                anomalies.Add(anomaly);
            }
            else
            {
                matched++;
            }
        }

        return (matched, anomalies);
    }

    /// <summary>Legs of the period's payments whose transaction no line shows, from the period's start to now.</summary>
    public static IEnumerable<ReconciliationAnomaly> Unstated(IEnumerable<LedgerPayment> payments, IReadOnlyCollection<SettlementStatementLine> lines)
    {
        var stated = lines.Select(l => (l.TransactionId, l.RequestKey)).ToHashSet();
        return
            from payment in payments
            from leg in payment.Legs
            where leg.HasTransactionId && !stated.Contains((leg.TransactionId, RampRequestKey.For(payment.State.PaymentId, leg.Leg).Value))
            select Anomalies.FromLeg(
                AnomalyKind.MissingAtProvider, payment, leg, $"the ledger records {RampLegNames.Of(leg.Leg)} {leg.TransactionId}; no statement line shows it");
    }

    private static ReconciliationAnomaly? Compare(SettlementStatementLine line, RampRequestKey? key, LedgerPayment? payment, LedgerLeg? leg)
    {
        var paymentId = key?.PaymentId;
        if (leg is null || !string.Equals(leg.TransactionId, line.TransactionId, StringComparison.Ordinal))
        {
            return Anomalies.FromLine(AnomalyKind.MissingInLedger, line, paymentId, leg, MissingDetail(line, key, payment, leg));
        }

        var settled = $"the provider settled {MinorUnits.Scaled(line.Amount, line.Currency ?? leg.Currency)} {line.Currency ?? leg.Currency}";
        var recorded = $"the ledger records {MinorUnits.Scaled(leg.Amount, leg.Currency)} {leg.Currency}";
        if (line.Currency is { } currency && !string.Equals(currency, leg.Currency, StringComparison.Ordinal))
        {
            return Anomalies.FromLine(AnomalyKind.CurrencyMismatch, line, paymentId, leg, $"{settled}; {recorded}");
        }

        return line.Amount == leg.Amount ? null : Anomalies.FromLine(AnomalyKind.AmountMismatch, line, paymentId, leg, $"{settled}; {recorded}");
    }

    private static string MissingDetail(SettlementStatementLine line, RampRequestKey? key, LedgerPayment? payment, LedgerLeg? leg) => (key, payment, leg) switch
    {
        (null, _, _) => $"the provider executed {line.TransactionId} under {line.RequestKey}, which is no payment's request key",
        (_, null, _) => $"the provider executed {line.TransactionId} for payment {key.Value.PaymentId}, which the ledger does not hold",
        (_, _, null) when payment.State.UnknownOutcomeLeg == key.Value.Leg =>
            $"the provider executed {line.TransactionId}; the ledger still holds the {RampLegNames.Of(key.Value.Leg)} as an unknown outcome",
        (_, _, null) => $"the provider executed {line.TransactionId}; the ledger records no completed {RampLegNames.Of(key.Value.Leg)}",
        _ => $"the provider executed {line.TransactionId}; the ledger records {leg.TransactionId} for this {RampLegNames.Of(key.Value.Leg)}",
    };
}
