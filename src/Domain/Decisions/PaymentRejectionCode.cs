namespace Payments.Domain.Decisions;

public enum PaymentRejectionCode
{
    PaymentNotFound,
    AlreadyTerminal,
    IllegalTransition,
}
