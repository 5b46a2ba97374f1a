namespace Payments.Functions.Api.Gateway;

/// <summary>
/// One line per request under its own category, so it can be routed or silenced apart from the application's log.
/// It names the route template, never the raw path or query, and never a header or the body: no key, id or secret
/// reaches it.
/// </summary>
internal static partial class AccessLog
{
    public const string Category = "Payments.Access";

    [LoggerMessage(EventId = 2101, Level = LogLevel.Information,
        Message = "{Method} {Route} answered {Status} in {ElapsedMs:0.0} ms for client {ClientId}, trace {TraceId}")]
    public static partial void Answered(ILogger logger, string method, string route, int status, double elapsedMs, string clientId, string traceId);
}
