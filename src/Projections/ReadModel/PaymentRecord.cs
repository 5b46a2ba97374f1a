using Payments.Domain.State;

namespace Payments.Projections.ReadModel;

/// <summary>
/// One row of the `payments` read model (the spec's table), plus the owning client and the last
/// applied event version, which makes every write conditional: an older state never overwrites a newer one.
/// </summary>
public sealed record PaymentRecord(
    Guid PaymentId,
    string ClientId,
    string IdempotencyKey,
    decimal Amount,
    string Currency,
    string SourceAccount,
    string DestinationAccount,
    PaymentStatus Status,
    string? OnRampTxId,
    decimal? StablecoinAmount,
    string? OffRampTxId,
    decimal? PayoutAmount,
    string? ErrorMessage,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ProcessedAt,
    long Version)
{
    /// <summary>The stable code of a FAILED payment (absent on payments failed before codes existed).</summary>
    public string? ErrorCode { get; init; }

    /// <summary>Why a person should look at the payment; null when nothing is wrong.</summary>
    public string? Attention { get; init; }

    /// <summary>The transaction that returned the converted funds to the source account.</summary>
    public string? ReversalTxId { get; init; }

    /// <summary>The row for a folded payment; the fold is the single source of every field.</summary>
    public static PaymentRecord From(Payment state) => new(
        state.PaymentId,
        state.ClientId,
        state.IdempotencyKey,
        state.Amount,
        state.Currency,
        state.SourceAccount,
        state.DestinationAccount,
        state.Status,
        state.OnRampTxId,
        state.StablecoinAmount,
        state.OffRampTxId,
        state.PayoutAmount,
        state.ErrorMessage,
        state.CreatedAt,
        state.UpdatedAt,
        state.ProcessedAt,
        state.Version)
    {
        ErrorCode = state.ErrorCode,
        Attention = state.Attention,
        ReversalTxId = state.ReversalTxId,
    };
}
