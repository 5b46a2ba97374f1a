using Payments.Application.Worker;
namespace Payments.Functions.Hosting;

/// <summary>Settings of the embedded worker, dispatcher and mock ramps (the `serve` options map onto these).</summary>
public sealed record EmbeddedProcessingOptions
{
    /// <summary>Where jobs.db and ramps.db live, beside the event log.</summary>
    public required string DataDirectory { get; init; }

    /// <summary>Jobs in flight at once; each spends most of its time waiting on a ramp.</summary>
    public int Concurrency { get; init; } = 32;

    /// <summary>Chance that any one ramp call fails transiently (0 to 1).</summary>
    public double RampFailureRate { get; init; }

    public int? RampSeed { get; init; }

    public WorkerOptions Worker { get; init; } = new();

    /// <summary>
    /// Hand jobs leased by a previous, dead process back to the queue at start. Only safe when this process is the
    /// sole user of the data directory (`serve` holds a lock for that); otherwise a live worker's lease would be stolen.
    /// </summary>
    public bool ReclaimLeasesOnStart { get; init; }
}
