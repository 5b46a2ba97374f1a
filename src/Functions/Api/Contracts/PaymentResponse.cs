namespace Payments.Functions.Api.Contracts;

/// <summary>
/// A payment as clients see it. Amounts are decimal strings so no client parses money as a float. A FAILED payment
/// carries a stable <c>error_code</c> and message (never provider text) and, when its converted funds were returned,
/// the reversal's transaction id; <c>attention</c> says why an open payment is waiting on a lookup or an operator.
/// </summary>
public sealed record PaymentResponse(
    Guid PaymentId,
    string Status,
    string Amount,
    string Currency,
    string SourceAccount,
    string DestinationAccount,
    string IdempotencyKey,
    string? OnRampTxId,
    string? StablecoinAmount,
    string? OffRampTxId,
    string? PayoutAmount,
    string? ErrorMessage,
    string? ErrorCode,
    string? ReversalTxId,
    string? Attention,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ProcessedAt,
    long Version);
