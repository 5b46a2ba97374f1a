namespace Payments.Application.Jobs.Dispatch;

internal static partial class DispatchLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Debug, Message = "Dispatched {Jobs} payment jobs up to log position {Position}")]
    public static partial void Dispatched(ILogger logger, int jobs, long position);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Error, Message = "Dispatching payment jobs failed; retrying from the stored checkpoint in {Delay}")]
    public static partial void DispatchFailed(ILogger logger, Exception exception, TimeSpan delay);
}
