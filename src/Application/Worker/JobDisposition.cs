namespace Payments.Application.Worker;

/// <summary>What to do with a job delivery once the handler is done with it.</summary>
public abstract record JobDisposition(string Why)
{
    /// <summary>Nothing more to do for this job: delete it.</summary>
    public sealed record Acknowledge(string Why) : JobDisposition(Why);

    /// <summary>Give the job back to be delivered again after <paramref name="Delay"/>; after its last receive the queue dead-letters it.</summary>
    public sealed record Release(TimeSpan Delay, string Why) : JobDisposition(Why);
}
