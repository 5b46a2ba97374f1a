namespace Payments.Application.Jobs;

/// <summary>
/// N independent receive loops over a queue, shared by the embedded payment worker and webhook sender: each runs
/// <c>processNext</c> until cancelled, and a failure of the queue itself (disk full, file locked) is reported and
/// retried shortly instead of ending the loop.
/// </summary>
public static class ReceiveLoops
{
    /// <summary>The pause after the queue itself failed, before receiving again (the payment pump waits the same).</summary>
    public static readonly TimeSpan QueueRetryDelay = TimeSpan.FromSeconds(1);

    public static Task Run(int loops, Func<CancellationToken, Task> processNext, Action<Exception> queueFailed, TimeProvider time, CancellationToken cancellationToken) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(1, loops)).Select(_ => Task.Run(() => Loop(processNext, queueFailed, time, cancellationToken), CancellationToken.None)));

    private static async Task Loop(Func<CancellationToken, Task> processNext, Action<Exception> queueFailed, TimeProvider time, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await processNext(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                queueFailed(e);
                await Task.Delay(QueueRetryDelay, time, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }
}
