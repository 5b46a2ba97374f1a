namespace Payments.Bench;

/// <summary>
/// One pipeline run: the offered load, what the server recorded for the payments requested during it (202 → terminal,
/// from events.db's recorded_at; stuck = not terminal after the drain), the backlog series and, if sampled, projector lag.
/// </summary>
internal sealed record PipelineRun(
    string Name,
    string RampLatency,
    int OfferedRate,
    double Seconds,
    LoadRun Load,
    long Payments,
    long Completed,
    long Failed,
    long Stuck,
    double DrainSeconds,
    LatencySummary AcceptedToCompletedMs,
    BacklogSummary Backlog,
    IReadOnlyList<BacklogSample> Series,
    ProjectorLag? Projector);
