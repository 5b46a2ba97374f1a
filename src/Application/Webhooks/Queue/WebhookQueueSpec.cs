namespace Payments.Application.Webhooks.Queue;

/// <summary>The seed's webhook queue figures, shared by the embedded queue, the SQS topology and the tests.</summary>
public static class WebhookQueueSpec
{
    public const int VisibilityTimeoutSeconds = 60;
    public const int MessageRetentionSeconds = 4 * 24 * 3600;
    public const int MaxReceiveCount = 5;
    public const int BatchSize = 10;
    public const int DeadLetterRetentionSeconds = 14 * 24 * 3600;
}
