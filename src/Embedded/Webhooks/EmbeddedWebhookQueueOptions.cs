using Payments.Application.Webhooks.Queue;

namespace Payments.Embedded.Webhooks;

/// <summary>The embedded webhook queue's settings; defaults are the webhook queue's spec figures (<see cref="WebhookQueueSpec"/>), as in the cloud.</summary>
public sealed record EmbeddedWebhookQueueOptions
{
    public TimeSpan VisibilityTimeout { get; init; } = TimeSpan.FromSeconds(WebhookQueueSpec.VisibilityTimeoutSeconds);

    public int MaxReceives { get; init; } = WebhookQueueSpec.MaxReceiveCount;
}
