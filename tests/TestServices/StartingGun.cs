namespace Payments.TestServices;

/// <summary>
/// Releases racers at once without parking thread-pool threads (a blocking Barrier with more racers
/// than cores starves the 2-core pool and turns a race test into a queue).
/// </summary>
public static class StartingGun
{
    public static async Task<T[]> Race<T>(int count, Func<int, Task<T>> racer)
    {
        var gun = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var racers = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            await gun.Task;
            return await racer(i);
        })).ToArray();
        gun.SetResult();
        return await Task.WhenAll(racers);
    }
}
