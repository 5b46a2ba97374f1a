using Payments.Application.Jobs;
using Payments.Application.Webhooks.Queue;

namespace Payments.Application.Webhooks.Delivery;

/// <summary>The one webhook queue handler, for both columns: envelopes fan out, deliveries are attempted, recoveries run.</summary>
public sealed class WebhookMessageHandler(WebhookFanOut fanOut, WebhookSender sender, WebhookRecovery recovery, ILogger<WebhookMessageHandler> logger)
    : IWebhookMessageHandler
{
    public Task<WebhookDisposition> Handle(JobReceipt receipt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(receipt);
        switch (WebhookQueueMessage.TryParse(receipt.Body))
        {
            case WebhookQueueMessage.Envelope envelope:
                return fanOut.Expand(envelope.Event, cancellationToken);
            case WebhookQueueMessage.Delivery delivery:
                return Send(delivery, cancellationToken);
            case WebhookQueueMessage.Recovery job:
                return recovery.Run(job, cancellationToken);
            default:
                WebhookLog.Unreadable(logger, receipt.MessageId);
                return Task.FromResult<WebhookDisposition>(new WebhookDisposition.DeadLetter("unreadable webhook queue message"));
        }
    }

    private async Task<WebhookDisposition> Send(WebhookQueueMessage.Delivery delivery, CancellationToken cancellationToken)
    {
        using var span = WebhookTelemetry.StartSend(delivery);
        var disposition = await sender.Attempt(delivery.DeliveryId, cancellationToken).ConfigureAwait(false);
        span?.SetTag("payments.webhook.disposition", disposition.Why);
        return disposition;
    }
}
