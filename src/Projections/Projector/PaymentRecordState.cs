using Payments.Domain.State;
using Payments.Projections.ReadModel;

namespace Payments.Projections.Projector;

/// <summary>
/// Turns a row back into fold state so the next event can be evolved onto it. The row lacks a few
/// fold-only fields (fingerprint, rates, ramp failure reason); none of them feeds a row column, and
/// if a transition check trips over their absence the projector refolds the stream instead.
/// </summary>
internal static class PaymentRecordState
{
    public static Payment ToPayment(PaymentRecord? row) => row is null
        ? Payment.Initial
        : new Payment
        {
            PaymentId = row.PaymentId,
            ClientId = row.ClientId,
            IdempotencyKey = row.IdempotencyKey,
            Amount = row.Amount,
            Currency = row.Currency,
            SourceAccount = row.SourceAccount,
            DestinationAccount = row.DestinationAccount,
            Status = row.Status,
            OnRampTxId = row.OnRampTxId,
            StablecoinAmount = row.StablecoinAmount,
            OffRampTxId = row.OffRampTxId,
            PayoutAmount = row.PayoutAmount,
            ErrorMessage = row.ErrorMessage,
            ErrorCode = row.ErrorCode,
            Attention = row.Attention,
            ReversalTxId = row.ReversalTxId,
            CreatedAt = row.CreatedAt,
            UpdatedAt = row.UpdatedAt,
            ProcessedAt = row.ProcessedAt,
            Version = row.Version,
        };
}
