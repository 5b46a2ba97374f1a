using System.Diagnostics;
using System.Security.Claims;

namespace Payments.Functions.Api.Gateway;

/// <summary>
/// Outermost, so the line carries the status the client finally got (after the exception handler, a rate-limit refusal
/// or a timeout) and the time the whole pipeline took.
/// </summary>
internal sealed class AccessLogMiddleware(RequestDelegate next, ILoggerFactory loggers, TimeProvider time)
{
    private const string None = "-";

    private readonly ILogger _logger = loggers.CreateLogger(AccessLog.Category);

    public async Task InvokeAsync(HttpContext context)
    {
        if (!_logger.IsEnabled(LogLevel.Information))
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        // Read before the pipeline runs: the exception handler clears the endpoint when it answers a failure.
        var route = Template(context.GetEndpoint()) ?? None;
        var traceId = Activity.Current?.TraceId.ToString() ?? context.TraceIdentifier;
        var started = time.GetTimestamp();
        try
        {
            await next(context).ConfigureAwait(false);
        }
        finally
        {
            var elapsed = time.GetElapsedTime(started);
            var clientId = context.User.FindFirstValue(ClaimTypes.NameIdentifier) ?? None;
            AccessLog.Answered(_logger, context.Request.Method, route, context.Response.StatusCode, elapsed.TotalMilliseconds, clientId, traceId);
        }
    }

    /// <summary>A group's own route (<c>MapPost("")</c> under <c>/payments</c>) reads "/payments/"; logged as the API documents it.</summary>
    private static string? Template(Endpoint? endpoint) => (endpoint as RouteEndpoint)?.RoutePattern.RawText switch
    {
        { Length: > 1 } raw => raw.TrimEnd('/'),
        var raw => raw,
    };
}
