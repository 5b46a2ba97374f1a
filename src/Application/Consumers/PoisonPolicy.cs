namespace Payments.Application.Consumers;

/// <summary>
/// How hard a consumer tries one event before <see cref="OnExhausted"/>: <see cref="MaxAttempts"/> tries with exponential
/// backoff from <see cref="FirstBackoff"/> up to <see cref="MaxBackoff"/>.
/// </summary>
public sealed record PoisonPolicy(int MaxAttempts, TimeSpan FirstBackoff, TimeSpan MaxBackoff, PoisonAction OnExhausted)
{
    public static PoisonPolicy Park(int maxAttempts = 5) =>
        new(maxAttempts, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(5), PoisonAction.Park);

    public static PoisonPolicy Stop(int maxAttempts = 5) =>
        new(maxAttempts, TimeSpan.FromMilliseconds(100), TimeSpan.FromSeconds(10), PoisonAction.Stop);

    /// <summary>Wait after the <paramref name="attempt"/>-th failed try (1-based).</summary>
    public TimeSpan BackoffAfter(int attempt)
    {
        var delay = FirstBackoff * Math.Pow(2, Math.Min(attempt - 1, 30));
        return delay > MaxBackoff ? MaxBackoff : delay;
    }
}
