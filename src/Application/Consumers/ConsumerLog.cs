namespace Payments.Application.Consumers;

internal static partial class ConsumerLog
{
    [LoggerMessage(EventId = 4201, Level = LogLevel.Debug, Message = "Consumer {Consumer} went past {Events} events; checkpoint {Checkpoint}")]
    public static partial void CaughtUp(ILogger logger, string consumer, long events, long checkpoint);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Warning, Message = "Consumer {Consumer} failed on positions {From}..{To}; retrying them one at a time")]
    public static partial void PageFailed(ILogger logger, Exception exception, string consumer, long from, long to);

    [LoggerMessage(EventId = 4203, Level = LogLevel.Error, Message = "Consumer {Consumer} parked the event at position {Position} after {Attempts} attempts")]
    public static partial void Parked(ILogger logger, Exception exception, string consumer, long position, int attempts);

    [LoggerMessage(EventId = 4204, Level = LogLevel.Critical, Message = "Consumer {Consumer} gave up on the event at position {Position} after {Attempts} attempts and holds before it")]
    public static partial void GaveUp(ILogger logger, Exception exception, string consumer, long position, int attempts);

    [LoggerMessage(EventId = 4205, Level = LogLevel.Critical, Message = "Consumer {Consumer} is stalled; retrying at its longest backoff")]
    public static partial void Stalled(ILogger logger, Exception exception, string consumer);

    [LoggerMessage(EventId = 4206, Level = LogLevel.Error, Message = "Consumer {Consumer} failed; resuming from its stored checkpoint in {Delay}")]
    public static partial void Failed(ILogger logger, Exception exception, string consumer, TimeSpan delay);
}
