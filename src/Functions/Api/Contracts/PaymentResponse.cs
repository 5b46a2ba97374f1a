namespace Payments.Functions.Api.Contracts;

/// <summary>A payment as clients see it. Amounts are decimal strings so no client parses money as a float.</summary>
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
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? ProcessedAt,
    long Version);
