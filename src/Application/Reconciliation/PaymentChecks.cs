using Payments.Domain.Money;
using Payments.Domain.Ramps;
using Payments.Domain.State;

namespace Payments.Application.Reconciliation;

/// <summary>What the ledger alone says is wrong with a payment: completed without its ids, stuck, or failed holding converted funds.</summary>
internal static class PaymentChecks
{
    public static IEnumerable<ReconciliationAnomaly> Of(
        LedgerPayment payment, DateTimeOffset now, TimeSpan stuckAfter, IReadOnlyDictionary<string, SettlementStatementLine> linesByKey)
    {
        var state = payment.State;
        if (state.Status == PaymentStatus.Completed && MissingIds(state) is { Count: > 0 } missing)
        {
            var shown = missing.Select(leg => linesByKey.GetValueOrDefault(RampRequestKey.For(state.PaymentId, leg).Value)).OfType<SettlementStatementLine>();
            var statement = string.Concat(shown.Select(l => $"; the statement shows {RampLegNames.Of(l.Leg)} {l.TransactionId}"));
            yield return Anomalies.FromPayment(
                AnomalyKind.CompletedWithoutTxIds, payment, $"COMPLETED without its {string.Join(" and ", missing.Select(RampLegNames.Of))} transaction id{statement}");
        }

        var started = payment.ProcessingStartedAt ?? state.CreatedAt;
        if (state.Status == PaymentStatus.Processing && now - started >= stuckAfter)
        {
            var attention = state.Attention is { } reason ? $"; attention: {reason}" : "";
            yield return Anomalies.FromPayment(
                AnomalyKind.StuckProcessing, payment, $"PROCESSING since {started:O}, for {Whole(now - started):c}{attention}");
        }

        if (state.Status == PaymentStatus.Failed && !Blank(state.OnRampTxId) && Blank(state.ReversalTxId))
        {
            yield return Anomalies.FromPayment(
                AnomalyKind.FailedWithoutReversal,
                payment,
                $"FAILED after on-ramp {state.OnRampTxId} bought {MinorUnits.Scaled(state.StablecoinAmount, Stablecoin.Symbol)} {Stablecoin.Symbol}, and no reversal returned it");
        }
    }

    private static List<RampLeg> MissingIds(Payment state)
    {
        var missing = new List<RampLeg>();
        if (Blank(state.OnRampTxId))
        {
            missing.Add(RampLeg.OnRamp);
        }

        if (Blank(state.OffRampTxId))
        {
            missing.Add(RampLeg.OffRamp);
        }

        return missing;
    }

    private static bool Blank(string? transactionId) => string.IsNullOrWhiteSpace(transactionId);

    private static TimeSpan Whole(TimeSpan age) => TimeSpan.FromSeconds(Math.Floor(age.TotalSeconds));
}
