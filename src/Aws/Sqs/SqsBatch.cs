using System.Globalization;
using System.Text.Json;
using Payments.Application.Jobs;

namespace Payments.Aws.Sqs;

/// <summary>
/// The SQS event source mapping's contract, written once for every SQS-triggered function: each record becomes a
/// <see cref="JobReceipt"/> for <c>process</c>, and the records it answers false for are reported as
/// <c>batchItemFailures</c>, so SQS keeps exactly those and deletes the rest.
/// </summary>
public static class SqsBatch
{
    public static async Task<string> Handle(string eventJson, Func<JobReceipt, Task<bool>> process, ILogger logger)
    {
        var sqsEvent = JsonSerializer.Deserialize(eventJson, SqsLambdaJsonContext.Default.SqsEvent)
            ?? throw new JsonException("The SQS event is null.");
        var response = await Handle(sqsEvent, process, logger).ConfigureAwait(false);
        return JsonSerializer.Serialize(response, SqsLambdaJsonContext.Default.SqsBatchResponse);
    }

    public static async Task<SqsBatchResponse> Handle(SqsEvent sqsEvent, Func<JobReceipt, Task<bool>> process, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(sqsEvent);
        ArgumentNullException.ThrowIfNull(process);
        var failures = new List<SqsBatchItemFailure>();
        foreach (var record in sqsEvent.Records ?? [])
        {
            if (string.IsNullOrEmpty(record.MessageId) || string.IsNullOrEmpty(record.ReceiptHandle))
            {
                SqsLambdaLog.RecordWithoutIdentity(logger);
                continue;
            }

            if (!await process(ToReceipt(record)).ConfigureAwait(false))
            {
                failures.Add(new SqsBatchItemFailure(record.MessageId));
            }
        }

        return new SqsBatchResponse(failures);
    }

    private static JobReceipt ToReceipt(SqsMessageRecord record) => new(
        record.MessageId!,
        record.ReceiptHandle!,
        record.Body ?? "",
        int.TryParse(record.Attributes?.ApproximateReceiveCount, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0 ? count : 1);
}
