namespace Payments.Functions.Lambda.Runtime;

internal static partial class LambdaRuntimeLog
{
    [LoggerMessage(EventId = 5400, Level = LogLevel.Error, Message = "Lambda invocation {RequestId} failed; reported to the Runtime API")]
    public static partial void InvocationFailed(ILogger logger, Exception error, string requestId);

    [LoggerMessage(EventId = 5401, Level = LogLevel.Critical, Message = "Lambda function {Function} could not start; reported as an init error")]
    public static partial void InitFailed(ILogger logger, Exception error, string function);
}
