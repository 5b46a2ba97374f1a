namespace Payments.Functions.Lambda.Runtime;

/// <summary>
/// Next → handle → respond, forever. A handler exception is reported as that invocation's error (Lambda
/// then retries the batch per its event source mapping); the loop itself only stops on cancellation.
/// Each invocation is cancelled shortly before its deadline, so a stuck call fails and its error still reaches the
/// Runtime API instead of the environment being killed mid-write; its trace header goes to <c>_X_AMZN_TRACE_ID</c>,
/// where the AWS SDK and X-Ray look for it.
/// </summary>
public static class LambdaRuntimeLoop
{
    public const string TraceVariable = "_X_AMZN_TRACE_ID";

    /// <summary>Time left to report an error after cancelling: a second, or half of what remains when less than two are left.</summary>
    private static readonly TimeSpan ReportingMargin = TimeSpan.FromSeconds(1);

    public static async Task Run(LambdaRuntimeClient runtime, Func<string, CancellationToken, Task<string>> handler, TimeProvider time, ILogger logger, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var invocation = await runtime.Next(cancellationToken).ConfigureAwait(false);
            Environment.SetEnvironmentVariable(TraceVariable, invocation.TraceId);
            using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var remaining = invocation.Deadline - time.GetUtcNow();
            if (remaining < TimeSpan.FromDays(1))
            {
                deadline.CancelAfter(StopBefore(remaining));
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

    private static TimeSpan StopBefore(TimeSpan remaining)
    {
        if (remaining <= TimeSpan.Zero)
        {
            return TimeSpan.Zero;
        }

        var margin = remaining < ReportingMargin * 2 ? remaining / 2 : ReportingMargin;
        return remaining - margin;
    }
}
