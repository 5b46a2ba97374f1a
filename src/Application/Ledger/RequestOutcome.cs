using Payments.Domain.State;

namespace Payments.Application.Ledger;

/// <summary>What became of a payment request: a new payment, or a retry/clash on an idempotency key already used.</summary>
public abstract record RequestOutcome
{
    private RequestOutcome()
    {
    }

    /// <summary>A new payment was durably recorded.</summary>
    public sealed record Accepted(Payment Payment) : RequestOutcome;

    /// <summary>The key was used before; <paramref name="SameRequest"/> tells a retry (409) from a different body (422).</summary>
    public sealed record KeyAlreadyUsed(Guid ExistingPaymentId, bool SameRequest) : RequestOutcome;
}
