namespace Payments.Domain.Decisions;

/// <summary>A decision's typed "no": nothing is written and the caller learns why.</summary>
public sealed record PaymentRejection(PaymentRejectionCode Code, string Reason);
