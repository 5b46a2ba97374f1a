namespace Payments.Bench;

/// <summary>One second of the pipeline run: payments requested but not yet terminal, and the job queue's rows (null if unreadable).</summary>
internal sealed record BacklogSample(double Second, string Phase, long Requested, long Terminal, long? JobsPending)
{
    public long Backlog => Requested - Terminal;
}
