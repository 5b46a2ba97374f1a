using System.ComponentModel.DataAnnotations;

namespace Payments.Application.Ramps.Sandbox;

/// <summary>
/// How the bundled mock providers behave (configuration section <c>Ramps</c>). <see cref="FailureRate"/> is the chance
/// that any one call fails transiently (nothing converted, retry allowed); a <see cref="Seed"/> makes the faults and
/// latencies repeatable.
/// </summary>
public sealed record MockRampOptions
{
    [Range(0d, 1d)]
    public double FailureRate { get; init; }

    public int? Seed { get; init; }

    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan MinLatency { get; init; } = TimeSpan.FromMilliseconds(100);

    [Range(typeof(TimeSpan), "00:00:00", "00:01:00")]
    public TimeSpan MaxLatency { get; init; } = TimeSpan.FromMilliseconds(300);

    /// <summary>How long a call scripted as <see cref="RampFault.Slow"/> takes before it executes.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan SlowLatency { get; init; } = TimeSpan.FromSeconds(30);
}
