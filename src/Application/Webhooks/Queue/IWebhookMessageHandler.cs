using Payments.Application.Jobs;

namespace Payments.Application.Webhooks.Queue;

/// <summary>
/// Handles one webhook queue message (an envelope to fan out, a delivery to attempt, a recovery to run) and says what
/// becomes of it; the queue adapter or the webhook Lambda carries the disposition out.
/// </summary>
public interface IWebhookMessageHandler
{
    Task<WebhookDisposition> Handle(JobReceipt receipt, CancellationToken cancellationToken);
}
