namespace Payments.Domain.Events;

/// <summary>
/// The closed catalogue of facts about a payment. Each record is one past-tense fact; the private
/// constructor keeps the hierarchy closed so the fold's switch can be exhaustive.
/// </summary>
public abstract record PaymentEvent
{
    private PaymentEvent()
    {
    }

    /// <summary>A client asked for a payment; its idempotency key is reserved in the same write.</summary>
    public sealed record PaymentRequested(
        Guid PaymentId,
        string ClientId,
        string IdempotencyKey,
        string RequestFingerprint,
        decimal Amount,
        string Currency,
        string SourceAccount,
        string DestinationAccount,
        DateTimeOffset RequestedAt) : PaymentEvent;

    /// <summary>A worker took the payment's job and began the sandwich.</summary>
    public sealed record PaymentProcessingStarted(DateTimeOffset StartedAt) : PaymentEvent;

    /// <summary>Fiat was converted into the USD stablecoin.</summary>
    public sealed record OnRampCompleted(
        string OnRampTxId,
        decimal StablecoinAmount,
        string Stablecoin,
        decimal Rate,
        DateTimeOffset CompletedAt) : PaymentEvent;

    /// <summary>The on-ramp provider refused or failed the conversion for good.</summary>
    public sealed record OnRampFailed(string Reason, DateTimeOffset FailedAt) : PaymentEvent;

    /// <summary>The stablecoin was converted into fiat and paid out to the destination account.</summary>
    public sealed record OffRampCompleted(
        string OffRampTxId,
        decimal FiatAmount,
        string FiatCurrency,
        decimal Rate,
        DateTimeOffset CompletedAt) : PaymentEvent;

    /// <summary>The off-ramp provider refused or failed the payout for good.</summary>
    public sealed record OffRampFailed(string Reason, DateTimeOffset FailedAt) : PaymentEvent;

    /// <summary>Both legs settled; the payment is final.</summary>
    public sealed record PaymentCompleted(DateTimeOffset CompletedAt) : PaymentEvent;

    /// <summary>The payment ended without paying out; the message says why.</summary>
    public sealed record PaymentFailed(string ErrorMessage, DateTimeOffset FailedAt) : PaymentEvent;
}
