namespace Payments.Functions.Lambda.Runtime;

/// <summary>
/// Next → handle → respond, forever. A handler exception is reported as that invocation's error (Lambda
/// then retries the batch per its event source mapping); the loop itself only stops on cancellation.
/// Each invocation is cancelled at its deadline so a stuck call fails instead of being killed mid-write.
/// </summary>
public static class LambdaRuntimeLoop
{
    public static async Task Run(LambdaRuntimeClient runtime, Func<string, CancellationToken, Task<string>> handler, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var invocation = await runtime.Next(cancellationToken).ConfigureAwait(false);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var remaining = invocation.Deadline - time.GetUtcNow();
            if (remaining < TimeSpan.FromDays(1))
            {
                deadline.CancelAfter(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero);
            }

            string response;
            try
            {
                response = await handler(invocation.EventJson, deadline.Token).ConfigureAwait(false);
            }
            catch (Exception error) when (!cancellationToken.IsCancellationRequested)
            {
                LambdaRuntimeLog.InvocationFailed(logger, error, invocation.RequestId);
                await runtime.ReportInvocationError(invocation.RequestId, error, cancellationToken).ConfigureAwait(false);
                continue;
            }

            await runtime.Respond(invocation.RequestId, response, cancellationToken).ConfigureAwait(false);
        }
    }
}
