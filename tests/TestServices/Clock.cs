using Microsoft.Extensions.Time.Testing;

namespace Payments.TestServices;

/// <summary>Drives a fake clock while awaiting work that sleeps on it (ramp latency, retry backoff, long polls).</summary>
public static class Clock
{
    public static FakeTimeProvider Fake() => new(new DateTimeOffset(2026, 1, 15, 9, 0, 0, TimeSpan.Zero));

    public static async Task<T> Pump<T>(this FakeTimeProvider time, Task<T> work, TimeSpan? step = null)
    {
        await Pump(time, (Task)work, step);
        return await work;
    }

    public static async Task Pump(this FakeTimeProvider time, Task work, TimeSpan? step = null)
    {
        // Bounded so a hung task fails the test instead of spinning forever; not a timing assertion.
        for (var i = 0; i < 100_000 && !work.IsCompleted; i++)
        {
            time.Advance(step ?? TimeSpan.FromMilliseconds(50));
            await Task.Delay(1);
        }

        await work;
    }
}
