using System.ComponentModel.DataAnnotations;

namespace Payments.Application.Sweeping;

/// <summary>When an open payment counts as stalled, and how often the sweeper looks (configuration section <c>Sweeper</c>).</summary>
public sealed record SweeperOptions
{
    /// <summary>
    /// Idle time after which an open payment's job is queued again. Longer than a job's whole retry window, so a
    /// payment whose job is merely waiting out a redelivery delay is left alone.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan StallAfter { get; init; } = TimeSpan.FromMinutes(2);

    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Interval { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>Payments requeued per sweep at most; the rest wait for the next sweep.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; init; } = 500;
}
