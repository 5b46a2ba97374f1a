using System.ComponentModel.DataAnnotations;
using Payments.Application.Jobs;

namespace Payments.Application.Worker;

/// <summary>How the payment worker runs and retries; bound from configuration (section <c>Worker</c>) and validated at start.</summary>
public sealed record WorkerOptions
{
    /// <summary>
    /// Jobs in flight at once; each spends most of its time waiting on a ramp, so this is a bound on awaits, not on
    /// threads. At 500 payments/s with two 100-300 ms legs about 250 are in flight.
    /// </summary>
    [Range(1, 4096)]
    public int Concurrency { get; init; } = 1024;

    /// <summary>Receives after which the queue dead-letters a job; on that receive a leg the provider never executed fails.</summary>
    [Range(1, 1000)]
    public int MaxReceives { get; init; } = PaymentQueueSpec.MaxReceiveCount;

    /// <summary>Calls per ramp leg within one delivery before the job is given back to the queue.</summary>
    [Range(1, 20)]
    public int RampAttempts { get; init; } = 3;

    /// <summary>Median wait before the second call to a ramp; grows exponentially, with jitter, for each further call.</summary>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:05:00")]
    public TimeSpan RampBackoff { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long one ramp call may take before it counts as failed (its outcome is then unknown; a retry carries the same request key).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:05:00")]
    public TimeSpan RampCallTimeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>How long a released job stays hidden, times the number of receives so far.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan RedeliveryDelay { get; init; } = TimeSpan.FromSeconds(1);
}
