using Payments.Application.Jobs;
using Payments.Application.Webhooks.Queue;

namespace Payments.Application.Webhooks.Delivery;

/// <summary>
/// The embedded webhook sender: N receive loops, each taking up to a batch of messages and handling them at once,
/// and applying each verdict to the queue (the webhook Lambda does the same with SQS's batch response).
/// </summary>
public sealed class WebhookPump(IWebhookQueue queue, IWebhookMessageHandler handler, TimeProvider time, ILogger<WebhookPump> logger)
{
    private static readonly TimeSpan ReceiveWait = TimeSpan.FromSeconds(20);

    public Task Run(int loops, CancellationToken cancellationToken) =>
        ReceiveLoops.Run(loops, ct => ProcessNext(ReceiveWait, ct), e => WebhookLog.QueueFailed(logger, e), time, cancellationToken);

    /// <summary>Receives and handles at most one batch; the number of messages handled (0 when none arrived within <paramref name="wait"/>).</summary>
    public async Task<int> ProcessNext(TimeSpan wait, CancellationToken cancellationToken)
    {
        var batch = await queue.Receive(WebhookQueueSpec.BatchSize, wait, cancellationToken).ConfigureAwait(false);
        await Task.WhenAll(batch.Select(receipt => Process(receipt, cancellationToken))).ConfigureAwait(false);
        return batch.Count;
    }

    private async Task Process(JobReceipt receipt, CancellationToken cancellationToken)
    {
        var disposition = await HandleSafely(receipt, cancellationToken).ConfigureAwait(false);
        await (disposition switch
        {
            WebhookDisposition.Retry retry => queue.Retry(receipt, retry.Delay, cancellationToken),
            WebhookDisposition.Defer defer => queue.Defer(receipt, defer.Delay, cancellationToken),
            WebhookDisposition.DeadLetter => queue.DeadLetter(receipt, cancellationToken),
            _ => queue.Complete(receipt, cancellationToken),
        }).ConfigureAwait(false);
    }

    private async Task<WebhookDisposition> HandleSafely(JobReceipt receipt, CancellationToken cancellationToken)
    {
        try
        {
            return await handler.Handle(receipt, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A store failed underneath the handler: the message stays queued and the queue's redrive bounds the retries.
            WebhookLog.Crashed(logger, e, receipt.MessageId);
            return new WebhookDisposition.Retry(TimeSpan.FromSeconds(receipt.ReceiveCount), e.Message);
        }
    }

}
