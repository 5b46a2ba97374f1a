using System.ComponentModel.DataAnnotations;

namespace Payments.Application.Webhooks;

/// <summary>How webhooks are sent. The defaults follow the Standard Webhooks guidance and the seed's webhook queue.</summary>
public sealed class WebhookOptions
{
    /// <summary>
    /// Local development only: lets endpoints resolve to loopback or private addresses, and use http to a loopback host. Off, every send
    /// refuses loopback, private, link-local, multicast and metadata addresses.
    /// </summary>
    public bool AllowInsecure { get; set; }

    /// <summary>Per-endpoint send rate, so one slow receiver cannot take every sender.</summary>
    [Range(0.1, 10_000)]
    public double DeliveriesPerSecond { get; set; } = 10;

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Attempts per delivery round before the delivery is dead-lettered (the webhook queue's max receives).</summary>
    [Range(1, 20)]
    public int MaxAttempts { get; set; } = 5;

    /// <summary>Delay after the n-th failed attempt (the last entry repeats), before jitter; Retry-After can only lengthen it.</summary>
    public IReadOnlyList<TimeSpan> RetrySchedule { get; set; } =
        [TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30), TimeSpan.FromHours(2)];

    /// <summary>An endpoint whose every delivery failed for this long is disabled.</summary>
    public TimeSpan DisableAfterFailingFor { get; set; } = TimeSpan.FromDays(5);

    /// <summary>After a rotation the previous secret keeps signing this long.</summary>
    public TimeSpan RotationOverlap { get; set; } = TimeSpan.FromHours(24);
}
