using Payments.Domain.Ramps;

namespace Payments.Application.Reconciliation;

/// <summary>A leg as the ledger recorded its completion: the provider's transaction id, and what came out in which currency.</summary>
public sealed record LedgerLeg(RampLeg Leg, string TransactionId, decimal Amount, string Currency)
{
    /// <summary>A completion recorded without the provider's id cannot be matched; <see cref="AnomalyKind.CompletedWithoutTxIds"/> reports it.</summary>
    public bool HasTransactionId => !string.IsNullOrWhiteSpace(TransactionId);
}
