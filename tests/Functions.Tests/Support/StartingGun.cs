namespace Payments.Functions.Tests.Support;

/// <summary>Releases racers at once without parking pool threads (a blocking Barrier starves a 2-core pool).</summary>
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
