using Microsoft.AspNetCore.Diagnostics;
using Payments.EventStore.Contract;

namespace Payments.Functions.Api;

/// <summary>
/// The last line of the exception handler middleware: any exception a handler did not expect is logged with its stack
/// trace and answered as a 500 problem+json with the trace id, never as a bare 500 or an exception page. A faulted event
/// store is not unexpected but a known outage: 503 with its reason and a Retry-After, while the host restarts.
/// </summary>
public sealed class UnhandledExceptionHandler(ILogger<UnhandledExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>About how long a supervisor takes to restart a faulted `serve`.</summary>
    private const string RetryAfterSeconds = "30";

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ApiLog.Unhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        if (httpContext.Response.HasStarted)
        {
            return false;
        }

        if (exception is EventStoreFaultedException faulted)
        {
            httpContext.Response.Headers.RetryAfter = RetryAfterSeconds;
            await Problems.StorageFaulted(faulted.Reason).ExecuteAsync(httpContext).ConfigureAwait(false);
            return true;
        }

        await Problems.Unexpected().ExecuteAsync(httpContext).ConfigureAwait(false);
        return true;
    }
}
