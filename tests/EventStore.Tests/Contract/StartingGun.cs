namespace Payments.EventStore.Tests.Contract;

/// <summary>
/// Releases racing writers at once without parking thread-pool threads (a blocking Barrier with
/// more writers than cores starves the pool and turns a race test into a queue).
/// </summary>
public sealed class StartingGun
{
    private readonly TaskCompletionSource _fired = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Wait() => _fired.Task;

    public void Fire() => _fired.TrySetResult();

    /// <summary>Starts <paramref name="count"/> racers that all wait for the gun, fires it and gathers their results.</summary>
    public static async Task<T[]> Race<T>(int count, Func<int, Task<T>> racer)
    {
        var gun = new StartingGun();
        var racers = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            await gun.Wait();
            return await racer(i);
        })).ToArray();
        gun.Fire();
        return await Task.WhenAll(racers);
    }
}
