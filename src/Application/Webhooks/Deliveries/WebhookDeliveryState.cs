namespace Payments.Application.Webhooks.Deliveries;

public enum WebhookDeliveryState
{
    /// <summary>Queued or waiting for its next attempt.</summary>
    Pending,

    /// <summary>The endpoint answered 2xx.</summary>
    Delivered,

    /// <summary>Every attempt of the round failed (dead-lettered), or the endpoint answered 410.</summary>
    Failed,

    /// <summary>Not sent: the endpoint was disabled or deleted before the attempt.</summary>
    Skipped,
}
