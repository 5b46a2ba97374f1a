using System.Threading.Channels;
using Microsoft.Extensions.Time.Testing;

namespace Payments.Application.Tests.Consumers;

/// <summary>
/// A fake clock that tells the test each time something starts waiting on it, and for how long. Continuations of a
/// fired timer run on the thread pool, so without this a test advancing the clock cannot know whether the next wait
/// has begun yet, and would advance past it.
/// </summary>
public sealed class WaitWatchingClock(FakeTimeProvider inner) : TimeProvider
{
    private readonly Channel<TimeSpan> _waits = Channel.CreateUnbounded<TimeSpan>();

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

    public override long GetTimestamp() => inner.GetTimestamp();

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = inner.CreateTimer(callback, state, dueTime, period);
        _waits.Writer.TryWrite(dueTime);
        return timer;
    }

    /// <summary>The length of the next wait begun on this clock; fails after <paramref name="within"/> of real time when none begins.</summary>
    public async Task<TimeSpan> NextWait(TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        return await _waits.Reader.ReadAsync(timeout.Token);
    }
}
