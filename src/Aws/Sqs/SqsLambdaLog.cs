namespace Payments.Aws.Sqs;

internal static partial class SqsLambdaLog
{
    [LoggerMessage(EventId = 4201, Level = LogLevel.Error, Message = "SQS record {MessageId} failed unexpectedly; reported as a batch item failure")]
    public static partial void RecordCrashed(ILogger logger, Exception exception, string messageId);

    [LoggerMessage(EventId = 4202, Level = LogLevel.Warning, Message = "SQS record without messageId or receiptHandle ignored")]
    public static partial void RecordWithoutIdentity(ILogger logger);
}
