namespace Payments.Domain.Requests;

/// <summary>An unvalidated payment request as it arrives from a client.</summary>
public sealed record PaymentRequest(decimal? Amount, string? Currency, string? SourceAccount, string? DestinationAccount)
{
    /// <summary>
    /// The amount exactly as the client wrote it, when it came as text (the HTTP API). When set, it is the amount and
    /// is checked digit by digit by <see cref="Requests.AmountText"/> before it is ever a decimal; <see cref="Amount"/> must then be null.
    /// </summary>
    public string? AmountText { get; init; }
}
