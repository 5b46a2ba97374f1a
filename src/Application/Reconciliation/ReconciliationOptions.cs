namespace Payments.Application.Reconciliation;

/// <summary>How the reconciler judges what it finds.</summary>
public sealed record ReconciliationOptions
{
    /// <summary>
    /// A payment still PROCESSING this long after processing started is stuck. Processing takes seconds; the default
    /// leaves room for a job's whole retry window and the sweeper's requeue before finance hears of it.
    /// </summary>
    public TimeSpan StuckAfter { get; init; } = TimeSpan.FromMinutes(15);
}
