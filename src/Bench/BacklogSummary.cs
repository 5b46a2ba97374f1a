namespace Payments.Bench;

/// <summary>
/// Whether the backlog stays flat under load: its value at the start, middle and end of the load phase and the
/// least-squares slope over it (payments per second; near 0 when the pipeline keeps up, about offered − capacity when not).
/// </summary>
internal sealed record BacklogSummary(long Start, long Middle, long End, double SlopePerSecond, long? JobsStart, long? JobsMiddle, long? JobsEnd)
{
    public static BacklogSummary Of(IReadOnlyList<BacklogSample> series)
    {
        var load = series.Where(s => s.Phase == BacklogSampler.LoadPhase).ToList();
        if (load.Count == 0)
        {
            return new BacklogSummary(0, 0, 0, 0, null, null, null);
        }

        var (first, middle, last) = (load[0], load[load.Count / 2], load[^1]);
        return new BacklogSummary(first.Backlog, middle.Backlog, last.Backlog, Slope(load), first.JobsPending, middle.JobsPending, last.JobsPending);
    }

    private static double Slope(List<BacklogSample> samples)
    {
        var meanX = samples.Average(s => s.Second);
        var meanY = samples.Average(s => (double)s.Backlog);
        var spread = samples.Sum(s => (s.Second - meanX) * (s.Second - meanX));
        return spread == 0 ? 0 : samples.Sum(s => (s.Second - meanX) * (s.Backlog - meanY)) / spread;
    }
}
