using Payments.Domain.Ramps;
using Payments.Domain.Requests;

namespace Payments.Domain.Decisions;

/// <summary>What someone asks of a payment. The decider turns a command into events or a rejection.</summary>
public abstract record PaymentCommand
{
    private PaymentCommand()
    {
    }

    public sealed record RequestPayment(Guid PaymentId, string ClientId, IdempotencyKey IdempotencyKey, ValidPaymentRequest Request)
        : PaymentCommand;

    public sealed record StartProcessing : PaymentCommand;

    public sealed record CompleteOnRamp(string OnRampTxId, decimal StablecoinAmount, decimal Rate) : PaymentCommand;

    /// <summary>Nothing was converted: the provider refused, or never executed the request. The payment fails with it.</summary>
    public sealed record FailOnRamp(string Reason, RampFailureKind Kind = RampFailureKind.Refused) : PaymentCommand;

    /// <summary>The payout settled; the payment completes in the same write.</summary>
    public sealed record CompleteOffRamp(string OffRampTxId, decimal FiatAmount, decimal Rate) : PaymentCommand;

    /// <summary>Nothing was paid out; the held stablecoin is to be reversed next.</summary>
    public sealed record FailOffRamp(string Reason) : PaymentCommand;

    /// <summary>A call for <paramref name="Leg"/> went unanswered: record it so the payment shows it needs attention.</summary>
    public sealed record RecordUnknownOutcome(RampLeg Leg, string Reason) : PaymentCommand;

    /// <summary>The held stablecoin went back to the source account; the payment fails in the same write.</summary>
    public sealed record CompleteReversal(string ReversalTxId, decimal FiatAmount, decimal Rate) : PaymentCommand;

    public sealed record RefuseReversal(string Reason) : PaymentCommand;

    /// <summary>An operator gives up on a payment that holds nothing (a payment holding stablecoin must be reversed instead).</summary>
    public sealed record FailPayment(string ErrorMessage) : PaymentCommand;
}
