namespace Payments.Domain.Requests;

/// <summary>An unvalidated payment request as it arrives from a client.</summary>
public sealed record PaymentRequest(decimal? Amount, string? Currency, string? SourceAccount, string? DestinationAccount);
