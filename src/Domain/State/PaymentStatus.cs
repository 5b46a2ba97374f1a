namespace Payments.Domain.State;

/// <summary>Lifecycle of a payment: PENDING → PROCESSING → COMPLETED | FAILED.</summary>
public enum PaymentStatus
{
    /// <summary>No event yet: the stream does not exist.</summary>
    None = 0,
    Pending,
    Processing,
    Completed,
    Failed,
}
