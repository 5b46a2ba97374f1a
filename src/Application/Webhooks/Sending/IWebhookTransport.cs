namespace Payments.Application.Webhooks.Sending;

/// <summary>Sends one webhook request; never throws for what the receiver or the network did (that is the response).</summary>
public interface IWebhookTransport
{
    Task<WebhookResponse> Post(WebhookRequest request, CancellationToken cancellationToken);
}
