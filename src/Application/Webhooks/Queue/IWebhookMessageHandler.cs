using Payments.Application.Jobs;

namespace Payments.Application.Webhooks.Queue;

/// <summary>Handles one webhook queue message; the embedded pump and the webhook Lambda apply its verdict to their queue.</summary>
public interface IWebhookMessageHandler
{
    Task<WebhookDisposition> Handle(JobReceipt receipt, CancellationToken cancellationToken);
}
