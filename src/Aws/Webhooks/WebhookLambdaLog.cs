namespace Payments.Aws.Webhooks;

internal static partial class WebhookLambdaLog
{
    [LoggerMessage(EventId = 5500, Level = LogLevel.Error, Message = "Webhook queue message {MessageId} failed unexpectedly; reported as a batch item failure")]
    public static partial void RecordCrashed(ILogger logger, Exception exception, string messageId);

    [LoggerMessage(EventId = 5501, Level = LogLevel.Warning, Message = "Webhook queue message {MessageId} dead-lettered: {Why}")]
    public static partial void DeadLettered(ILogger logger, string messageId, string why);
}
