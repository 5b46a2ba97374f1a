namespace Payments.Application.Webhooks.Sending;

/// <summary>
/// When to try a failed delivery again: the options' schedule (Standard Webhooks' 5 s, 5 min, 30 min, 2 h), each
/// delay spread by ±20 % jitter so receivers coming back from an outage are not hit by every retry at once, never
/// sooner than the receiver's <c>Retry-After</c>, and never later than SQS can hide a message (12 h).
/// </summary>
public sealed class WebhookRetryPolicy(WebhookOptions options, Random random)
{
    public static readonly TimeSpan MaxDelay = TimeSpan.FromHours(12);
    private const double Jitter = 0.2;

    /// <summary>The delay after the <paramref name="failedAttempts"/>-th failed attempt of a round (1-based).</summary>
    public TimeSpan After(int failedAttempts, TimeSpan? retryAfter)
    {
        ArgumentNullException.ThrowIfNull(options);
        var schedule = options.RetrySchedule;
        var step = schedule[Math.Clamp(failedAttempts - 1, 0, schedule.Count - 1)];
        var jittered = step * (1 + Jitter * (2 * random.NextDouble() - 1));
        var delay = retryAfter is { } floor && floor > jittered ? floor : jittered;
        return delay > MaxDelay ? MaxDelay : delay;
    }
}
