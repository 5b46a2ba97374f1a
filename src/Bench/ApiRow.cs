namespace Payments.Bench;

/// <summary>
/// One load of `api`: POST /payments latency of the 2xx answers at an offered rate (open loop) or N busy connections
/// (closed loop), the answers that were not 2xx (409s also counted apart), and how many payments the pipeline finished
/// per second meanwhile (terminal events recorded during the load): the worker runs at full tilt behind the API.
/// </summary>
internal sealed record ApiRow(
    string Mode,
    int? OfferedRate,
    double AchievedRate,
    int Connections,
    LatencySummary PostLatencyMs,
    long Accepted,
    long Non2xx,
    long Conflicts,
    long Timeouts,
    long Errors,
    double PipelineFinishedPerSecond);
