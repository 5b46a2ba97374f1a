using Payments.Application.Jobs;

namespace Payments.Application.Worker;

/// <summary>Retry policy of the payment worker.</summary>
public sealed record WorkerOptions
{
    /// <summary>Receives after which the queue dead-letters a job; on that receive a failing payment is marked FAILED.</summary>
    public int MaxReceives { get; init; } = PaymentQueueSpec.MaxReceiveCount;

    /// <summary>Calls per ramp leg within one delivery before the job is given back to the queue.</summary>
    public int RampAttempts { get; init; } = 3;

    /// <summary>Wait before the second call to a ramp; doubles for each further call.</summary>
    public TimeSpan RampBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long a released job stays hidden, times the number of receives so far.</summary>
    public TimeSpan RedeliveryDelay { get; init; } = TimeSpan.FromSeconds(1);
}
