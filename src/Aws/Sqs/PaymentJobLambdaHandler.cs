using System.Globalization;
using System.Text.Json;
using Payments.Application.Jobs;
using Payments.Application.Worker;

namespace Payments.Aws.Sqs;

/// <summary>
/// The worker Lambda: the same <see cref="PaymentJobHandler"/> as the embedded loop, fed by SQS records. A job
/// to release is reported in <c>batchItemFailures</c> so SQS keeps it (and dead-letters it after its last receive);
/// when a <paramref name="queue"/> is given its visibility is also shortened to the handler's delay, so a retry or
/// a dead-letter does not wait out the full 300 s visibility timeout.
/// </summary>
public sealed class PaymentJobLambdaHandler(PaymentJobHandler handler, IPaymentJobQueue? queue, ILogger<PaymentJobLambdaHandler> logger)
{
    public async Task<string> Handle(string eventJson, CancellationToken cancellationToken)
    {
        var sqsEvent = JsonSerializer.Deserialize(eventJson, SqsLambdaJsonContext.Default.SqsEvent)
            ?? throw new JsonException("The SQS event is null.");
        var response = await Handle(sqsEvent, cancellationToken).ConfigureAwait(false);
        return JsonSerializer.Serialize(response, SqsLambdaJsonContext.Default.SqsBatchResponse);
    }

    public async Task<SqsBatchResponse> Handle(SqsEvent sqsEvent, CancellationToken cancellationToken)
    {
        var failures = new List<SqsBatchItemFailure>();
        foreach (var record in sqsEvent.Records ?? [])
        {
            if (string.IsNullOrEmpty(record.MessageId) || string.IsNullOrEmpty(record.ReceiptHandle))
            {
                SqsLambdaLog.RecordWithoutIdentity(logger);
                continue;
            }

            if (!await Process(ToReceipt(record), cancellationToken).ConfigureAwait(false))
            {
                failures.Add(new SqsBatchItemFailure(record.MessageId));
            }
        }

        return new SqsBatchResponse(failures);
    }

    private async Task<bool> Process(JobReceipt receipt, CancellationToken cancellationToken)
    {
        try
        {
            var disposition = await handler.Handle(receipt, cancellationToken).ConfigureAwait(false);
            if (disposition is JobDisposition.Release release)
            {
                if (queue is not null)
                {
                    await queue.Abandon(receipt, release.Delay, cancellationToken).ConfigureAwait(false);
                }

                return false;
            }

            return true;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            SqsLambdaLog.RecordCrashed(logger, e, receipt.MessageId);
            return false;
        }
    }

    private static JobReceipt ToReceipt(SqsMessageRecord record) => new(
        record.MessageId!,
        record.ReceiptHandle!,
        record.Body ?? "",
        int.TryParse(record.Attributes?.ApproximateReceiveCount, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0 ? count : 1);
}
