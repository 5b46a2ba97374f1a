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

    public sealed record FailOnRamp(string Reason) : PaymentCommand;

    /// <summary>The payout settled; the payment completes in the same write.</summary>
    public sealed record CompleteOffRamp(string OffRampTxId, decimal FiatAmount, decimal Rate) : PaymentCommand;

    public sealed record FailOffRamp(string Reason) : PaymentCommand;

    /// <summary>Give up on the payment, e.g. after its job was dead-lettered.</summary>
    public sealed record FailPayment(string ErrorMessage) : PaymentCommand;
}
