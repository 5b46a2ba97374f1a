namespace Payments.Functions.OperatorConsole.Live;

/// <summary>
/// One 5-second slot of the Live page: payments requested, completed and failed in it; the 202 → COMPLETED latency
/// percentiles of the payments that completed in it (seconds; null when none did); and each gauge as last observed,
/// keyed <c>queue.depth/payment-jobs</c>, <c>consumer.lag/projector</c> and so on.
/// </summary>
public sealed record LiveSample(
    DateTimeOffset At,
    long Requested,
    long Completed,
    long Failed,
    double? P50,
    double? P95,
    double? P99,
    IReadOnlyDictionary<string, double> Gauges);
