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
    public Task<string> Handle(string eventJson, CancellationToken cancellationToken) =>
        SqsBatch.Handle(eventJson, receipt => Process(receipt, cancellationToken), logger);

    public Task<SqsBatchResponse> Handle(SqsEvent sqsEvent, CancellationToken cancellationToken) =>
        SqsBatch.Handle(sqsEvent, receipt => Process(receipt, cancellationToken), logger);

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
}
