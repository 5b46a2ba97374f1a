namespace Payments.Application.Sweeping;

internal static partial class SweeperLog
{
    [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Payment {PaymentId} stalled; its job was queued again")]
    public static partial void Requeued(ILogger logger, Guid paymentId);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Error, Message = "A sweep for stalled payments failed; the next one tries again")]
    public static partial void SweepFailed(ILogger logger, Exception exception);
}
