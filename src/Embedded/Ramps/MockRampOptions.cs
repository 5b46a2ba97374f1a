namespace Payments.Embedded.Ramps;

/// <summary>
/// How the bundled mock providers behave. <see cref="FailureRate"/> is the chance that any one call fails
/// transiently (nothing converted, retry allowed); a <see cref="Seed"/> makes the faults and latencies repeatable.
/// </summary>
public sealed record MockRampOptions
{
    public double FailureRate { get; init; }

    public int? Seed { get; init; }

    public TimeSpan MinLatency { get; init; } = TimeSpan.FromMilliseconds(100);

    public TimeSpan MaxLatency { get; init; } = TimeSpan.FromMilliseconds(300);
}
