namespace Payments.Application.Worker;

internal static partial class WorkerLog
{
    [LoggerMessage(EventId = 4001, Level = LogLevel.Warning, Message = "Job {MessageId} (receive {ReceiveCount}) is not a payment job: {Problem}")]
    public static partial void MalformedJob(ILogger logger, string messageId, int receiveCount, string problem);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Job {MessageId} names payment {PaymentId}, which does not exist (receive {ReceiveCount})")]
    public static partial void UnknownPayment(ILogger logger, string messageId, Guid paymentId, int receiveCount);

    [LoggerMessage(EventId = 4003, Level = LogLevel.Information, Message = "Payment {PaymentId}: job {MessageId} acknowledged ({Why})")]
    public static partial void Acknowledged(ILogger logger, Guid paymentId, string messageId, string why);

    [LoggerMessage(EventId = 4004, Level = LogLevel.Warning, Message = "Ramp {RequestKey} unavailable on attempt {Attempt}; retrying in {Delay}")]
    public static partial void RampRetry(ILogger logger, string requestKey, int attempt, TimeSpan delay);

    [LoggerMessage(EventId = 4005, Level = LogLevel.Warning, Message = "Payment {PaymentId}: job {MessageId} released after receive {ReceiveCount}: {Why}")]
    public static partial void Released(ILogger logger, Guid paymentId, string messageId, int receiveCount, string why);

    [LoggerMessage(EventId = 4006, Level = LogLevel.Warning, Message = "Payment {PaymentId}: the {Leg} failed without converting: {ProviderReason}")]
    public static partial void LegFailed(ILogger logger, Guid paymentId, string leg, string providerReason);

    [LoggerMessage(EventId = 4007, Level = LogLevel.Information, Message = "Payment {PaymentId}: another writer advanced it first ({Reason}); reloading")]
    public static partial void LostRace(ILogger logger, Guid paymentId, string reason);

    [LoggerMessage(EventId = 4008, Level = LogLevel.Error, Message = "Job {MessageId} failed unexpectedly; releasing it")]
    public static partial void JobCrashed(ILogger logger, Exception exception, string messageId);

    [LoggerMessage(EventId = 4009, Level = LogLevel.Warning, Message = "Payment {PaymentId}: the {Leg} call went unanswered; it needs a status lookup: {Reason}")]
    public static partial void OutcomeUnknown(ILogger logger, Guid paymentId, string leg, string reason);

    [LoggerMessage(EventId = 4011, Level = LogLevel.Error, Message = "Payment {PaymentId}: the reversal was refused; the stablecoin is held until an operator acts: {ProviderReason}")]
    public static partial void ReversalRefused(ILogger logger, Guid paymentId, string providerReason);

    [LoggerMessage(EventId = 4010, Level = LogLevel.Error, Message = "The job queue failed; the receive loop retries")]
    public static partial void QueueFailed(ILogger logger, Exception exception);
}
