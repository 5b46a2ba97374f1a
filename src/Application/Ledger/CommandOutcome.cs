using Payments.Domain.Decisions;
using Payments.Domain.State;

namespace Payments.Application.Ledger;

/// <summary>The state after a command was applied, or the domain's reason for refusing it.</summary>
public sealed record CommandOutcome(Payment State, PaymentRejection? Rejection)
{
    public bool IsAccepted => Rejection is null;
}
