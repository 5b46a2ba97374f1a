using Payments.Domain.Ramps;

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

    /// <summary>
    /// The off-ramp provider refused the payout, or never executed it. Nothing was paid out and the stablecoin is
    /// still held; a reversal leg returns it (histories written before reversals end with PaymentFailed at once).
    /// </summary>
    public sealed record OffRampFailed(string Reason, DateTimeOffset FailedAt) : PaymentEvent;

    /// <summary>
    /// A ramp call was sent and no answer came (timeout, dropped connection): the provider may or may not have
    /// converted. Nothing is assumed; the payment needs attention until a status lookup by the leg's request key
    /// resolves it.
    /// </summary>
    public sealed record RampOutcomeUnknown(RampLeg Leg, string Reason, DateTimeOffset At) : PaymentEvent;

    /// <summary>The held stablecoin was converted back into the source currency and paid to the source account.</summary>
    public sealed record ReversalCompleted(
        string ReversalTxId,
        decimal FiatAmount,
        string FiatCurrency,
        decimal Rate,
        DateTimeOffset CompletedAt) : PaymentEvent;

    /// <summary>The provider refused the reversal: the stablecoin stays held and an operator must act.</summary>
    public sealed record ReversalRefused(string Reason, DateTimeOffset RefusedAt) : PaymentEvent;

    /// <summary>Both legs settled; the payment is final.</summary>
    public sealed record PaymentCompleted(DateTimeOffset CompletedAt) : PaymentEvent;

    /// <summary>
    /// The payment ended without paying out. <paramref name="ErrorCode"/> and <paramref name="ErrorMessage"/> are
    /// what clients see (stable, no provider text); the provider's own words stay in the leg's failure event.
    /// Histories written before error codes carry none.
    /// </summary>
    public sealed record PaymentFailed(string ErrorMessage, DateTimeOffset FailedAt, string? ErrorCode = null) : PaymentEvent;
}
