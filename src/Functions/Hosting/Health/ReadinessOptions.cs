using System.ComponentModel.DataAnnotations;

namespace Payments.Functions.Hosting.Health;

/// <summary>When <c>/health/ready</c> turns unhealthy (configuration section <c>Health</c>).</summary>
public sealed record ReadinessOptions
{
    /// <summary>Oldest event a log consumer may leave unprocessed before the host stops reporting ready.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan MaxConsumerLag { get; init; } = TimeSpan.FromSeconds(30);
}
