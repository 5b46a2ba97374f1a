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
    private static readonly TimeSpan QueueRetryDelay = TimeSpan.FromSeconds(1);

    public Task Run(int loops, CancellationToken cancellationToken) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(1, loops)).Select(_ => Task.Run(() => Loop(cancellationToken), CancellationToken.None)));

    /// <summary>Receives and handles at most one batch; the number of messages handled (0 when none arrived within <paramref name="wait"/>).</summary>
    public async Task<int> ProcessNext(TimeSpan wait, CancellationToken cancellationToken)
    {
        var batch = await queue.Receive(WebhookQueueSpec.BatchSize, wait, cancellationToken).ConfigureAwait(false);
        // Copies of one message (a repeated fan-out, a redelivery) in one batch would send twice at once: one carries on.
        var copies = batch.GroupBy(r => r.Body, StringComparer.Ordinal).ToList();
        await Task.WhenAll(copies.Select(group => Process(group.First(), cancellationToken))
            .Concat(copies.SelectMany(group => group.Skip(1)).Select(copy => queue.Complete(copy, cancellationToken)))).ConfigureAwait(false);
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

    private async Task Loop(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                await ProcessNext(ReceiveWait, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                WebhookLog.QueueFailed(logger, e);
                await Task.Delay(QueueRetryDelay, time, CancellationToken.None).ConfigureAwait(false);
            }
        }
    }
}
