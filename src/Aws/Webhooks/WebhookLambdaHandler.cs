using Payments.Application.Jobs;
using Payments.Application.Webhooks.Queue;
using Payments.Aws.Sqs;

namespace Payments.Aws.Webhooks;

/// <summary>
/// The webhook Lambda: the webhook queue's event source mapping hands it up to ten messages, and each one's
/// disposition is carried out on its own, so one failing receiver never replays the rest of the batch. A retry shortens
/// the message's visibility to the handler's delay and is reported in <c>batchItemFailures</c> (SQS keeps it and
/// redrives it after its last receive); a deferral or an early dead-letter has already replaced the message with a
/// copy, so the original is reported handled and the mapping deletes it.
/// </summary>
public sealed class WebhookLambdaHandler(IWebhookMessageHandler handler, IWebhookQueue queue, ILogger<WebhookLambdaHandler> logger)
{
    public Task<string> Handle(string eventJson, CancellationToken cancellationToken) =>
        SqsBatch.Handle(eventJson, receipt => Process(receipt, cancellationToken), logger);

    public Task<SqsBatchResponse> Handle(SqsEvent sqsEvent, CancellationToken cancellationToken) =>
        SqsBatch.Handle(sqsEvent, receipt => Process(receipt, cancellationToken), logger);

    /// <summary>True when the message is finished with here (the mapping may delete it); false to leave it in the queue.</summary>
    private async Task<bool> Process(JobReceipt receipt, CancellationToken cancellationToken)
    {
        try
        {
            switch (await handler.Handle(receipt, cancellationToken).ConfigureAwait(false))
            {
                case WebhookDisposition.Retry retry:
                    await queue.Retry(receipt, retry.Delay, cancellationToken).ConfigureAwait(false);
                    return false;
                case WebhookDisposition.Defer defer:
                    await queue.Defer(receipt, defer.Delay, cancellationToken).ConfigureAwait(false);
                    return true;
                case WebhookDisposition.DeadLetter deadLetter:
                    await queue.DeadLetter(receipt, cancellationToken).ConfigureAwait(false);
                    WebhookLambdaLog.DeadLettered(logger, receipt.MessageId, deadLetter.Why);
                    return true;
                case WebhookDisposition.Done:
                    return true;
                case var other:
                    throw new InvalidOperationException($"Unknown webhook disposition {other?.GetType().Name ?? "null"}.");
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            WebhookLambdaLog.RecordCrashed(logger, e, receipt.MessageId);
            return false;
        }
    }
}
