
namespace Payments.Aws.Streams;

internal static partial class StreamsLog
{
    [LoggerMessage(EventId = 5200, Level = LogLevel.Error, Message = "Streams record {SequenceNumber} ({EventId}) could not be projected; reported as a batch item failure")]
    public static partial void RecordFailed(ILogger logger, Exception error, string sequenceNumber, string? eventId);

    [LoggerMessage(EventId = 5201, Level = LogLevel.Information, Message = "Projected a Streams batch: {Records} records, {Applied} applied, {Duplicates} duplicates, {Healed} healed, {Ignored} ignored, {Failed} failed")]
    public static partial void BatchDone(ILogger logger, int records, int applied, int duplicates, int healed, int ignored, int failed);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Information, Message = "Enqueued jobs from a Streams batch: {Records} records, {Enqueued} jobs, {Failed} failed")]
    public static partial void JobsEnqueued(ILogger logger, int records, int enqueued, int failed);
}
