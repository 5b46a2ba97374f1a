namespace Payments.Bench;

/// <summary>
/// Append-to-visible lag of the payments read model: for each event, the first time the projection's checkpoint was
/// seen at or past its position minus its recorded_at. An upper bound, late by up to one sampling interval.
/// Uncovered: events the checkpoint had not reached when sampling stopped.
/// </summary>
internal sealed record ProjectorLag(long Events, long Uncovered, LatencySummary LagMs, double SampleIntervalMs, long CheckpointReads)
{
    public static ProjectorLag Of(
        IReadOnlyList<(long Position, DateTimeOffset RecordedAt)> events, IReadOnlyList<(DateTimeOffset At, long Position)> checkpoints, long reads)
    {
        var lags = new List<double>(events.Count);
        var next = 0;
        foreach (var (position, recordedAt) in events)
        {
            // Both lists ascend by position, so one forward walk finds each event's first covering checkpoint.
            while (next < checkpoints.Count && checkpoints[next].Position < position)
            {
                next++;
            }

            if (next == checkpoints.Count)
            {
                break;
            }

            lags.Add((checkpoints[next].At - recordedAt).TotalMilliseconds);
        }

        return new ProjectorLag(events.Count, events.Count - lags.Count, LatencySummary.Of(lags), CheckpointSampler.Interval.TotalMilliseconds, reads);
    }
}
