namespace Payments.Aws.Streams;

internal static partial class StreamsLog
{
    [LoggerMessage(EventId = 5200, Level = LogLevel.Error, Message = "Streams record {SequenceNumber} ({EventId}) failed; it and the {Behind} records behind it are reported as batch item failures, to be retried from there")]
    public static partial void RecordFailed(ILogger logger, Exception error, string sequenceNumber, string? eventId, int behind);

    [LoggerMessage(EventId = 5201, Level = LogLevel.Information, Message = "{Consumer} handled a Streams batch: {Records} records, {Ignored} ignored, {Failed} failed")]
    public static partial void BatchDone(ILogger logger, string consumer, int records, int ignored, int failed);
}
