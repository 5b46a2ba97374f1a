namespace Payments.Embedded.Sqlite;

/// <summary>
/// Wakes every waiter once per <see cref="Notify"/>. A waiter takes <see cref="Next"/> before it checks
/// for work, so a notification between the check and the wait is never missed.
/// </summary>
internal sealed class AsyncSignal
{
    private TaskCompletionSource _next = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Next => Volatile.Read(ref _next).Task;

    public void Notify() =>
        Interlocked.Exchange(ref _next, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();

    /// <summary>Completes on the next notification or after <paramref name="timeout"/> on <paramref name="time"/>'s clock, whichever is first.</summary>
    public static async Task WaitAny(Task signal, TimeSpan timeout, TimeProvider time, CancellationToken cancellationToken)
    {
        if (timeout <= TimeSpan.Zero)
        {
            return;
        }

        using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(timeout, time, timer.Token);
        await Task.WhenAny(signal, delay).ConfigureAwait(false);
        await timer.CancelAsync().ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }
}
