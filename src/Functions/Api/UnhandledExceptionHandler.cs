using Microsoft.AspNetCore.Diagnostics;

namespace Payments.Functions.Api;

/// <summary>
/// The last line of the exception handler middleware: any exception a handler did not expect is logged with its stack
/// trace and answered as a 500 problem+json with the trace id, never as a bare 500 or an exception page.
/// </summary>
public sealed class UnhandledExceptionHandler(ILogger<UnhandledExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        ApiLog.Unhandled(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        if (httpContext.Response.HasStarted)
        {
            return false;
        }

        await Problems.Unexpected().ExecuteAsync(httpContext).ConfigureAwait(false);
        return true;
    }
}
