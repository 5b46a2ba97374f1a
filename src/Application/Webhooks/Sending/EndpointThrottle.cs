using System.Collections.Concurrent;

namespace Payments.Application.Webhooks.Sending;

/// <summary>
/// A token bucket per endpoint (rate and burst = <see cref="WebhookOptions.DeliveriesPerSecond"/>). A delivery that
/// finds its endpoint's bucket empty is deferred for the time until the next token instead of holding a sender, so a
/// slow or busy receiver waits alone. In-process: each Lambda instance throttles what it sends on its own.
/// </summary>
public sealed class EndpointThrottle(WebhookOptions options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, Bucket> _buckets = new(StringComparer.Ordinal);

    /// <summary>Null when a send may go now (a token was taken), else how long until one may.</summary>
    public TimeSpan? TryTake(string endpointId)
    {
        ArgumentNullException.ThrowIfNull(options);
        var rate = options.DeliveriesPerSecond;
        var bucket = _buckets.GetOrAdd(endpointId, _ => new Bucket(Math.Max(1, rate), time.GetTimestamp()));
        lock (bucket)
        {
            var now = time.GetTimestamp();
            var capacity = Math.Max(1, rate);
            bucket.Tokens = Math.Min(capacity, bucket.Tokens + time.GetElapsedTime(bucket.RefilledAt, now).TotalSeconds * rate);
            bucket.RefilledAt = now;
            if (bucket.Tokens >= 1)
            {
                bucket.Tokens -= 1;
                return null;
            }

            return TimeSpan.FromSeconds((1 - bucket.Tokens) / rate);
        }
    }

    private sealed class Bucket(double tokens, long refilledAt)
    {
        public double Tokens { get; set; } = tokens;

        public long RefilledAt { get; set; } = refilledAt;
    }
}
