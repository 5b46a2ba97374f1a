namespace Payments.Bench;

/// <summary>
/// Whether the pipeline keeps up: over the load phase (from the first second with a request), payments finished per
/// second, and the backlog at the start, middle and end with its least-squares slope (payments per second; near 0 when
/// the pipeline keeps up, about offered − finished when it does not).
/// </summary>
internal sealed record BacklogSummary(
    double FinishedPerSecond, long Start, long Middle, long End, double SlopePerSecond, long? JobsStart, long? JobsMiddle, long? JobsEnd)
{
    public static BacklogSummary Of(IReadOnlyList<BacklogSample> series)
    {
        var load = series.Where(s => s.Phase == BacklogSampler.LoadPhase).SkipWhile(s => s.Requested == 0).ToList();
        if (load.Count == 0)
        {
            return new BacklogSummary(0, 0, 0, 0, 0, null, null, null);
        }

        var (first, middle, last) = (load[0], load[load.Count / 2], load[^1]);
        var seconds = last.Second - first.Second;
        var finished = seconds > 0 ? (last.Terminal - first.Terminal) / seconds : 0;
        return new BacklogSummary(finished, first.Backlog, middle.Backlog, last.Backlog, Slope(load), first.JobsPending, middle.JobsPending, last.JobsPending);
    }

    private static double Slope(List<BacklogSample> samples)
    {
        var meanX = samples.Average(s => s.Second);
        var meanY = samples.Average(s => (double)s.Backlog);
        var spread = samples.Sum(s => (s.Second - meanX) * (s.Second - meanX));
        return spread == 0 ? 0 : samples.Sum(s => (s.Second - meanX) * (s.Backlog - meanY)) / spread;
    }
}
