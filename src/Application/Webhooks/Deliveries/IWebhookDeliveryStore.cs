namespace Payments.Application.Webhooks.Deliveries;

/// <summary>Webhook messages, their per-endpoint deliveries and every attempt. Writes are idempotent where a retry can repeat them.</summary>
public interface IWebhookDeliveryStore
{
    /// <summary>Stores the message unless one with its id exists; returns the stored one (first write wins).</summary>
    Task<WebhookMessage> AddMessage(WebhookMessage message, CancellationToken cancellationToken);

    Task<WebhookMessage?> FindMessage(string messageId, CancellationToken cancellationToken);

    /// <summary>The client's messages with <c>since ≤ Timestamp &lt; until</c>, oldest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<WebhookMessage>> MessagesFor(string clientId, DateTimeOffset since, DateTimeOffset until, int limit, CancellationToken cancellationToken);

    /// <summary>Stores the delivery unless one with its id exists; returns the stored one (first write wins).</summary>
    Task<WebhookDelivery> OpenDelivery(WebhookDelivery delivery, CancellationToken cancellationToken);

    Task<WebhookDelivery?> FindDelivery(string deliveryId, CancellationToken cancellationToken);

    /// <summary>Replaces the delivery's state (no attempt made: skipped, or a new round queued).</summary>
    Task SaveDelivery(WebhookDelivery delivery, CancellationToken cancellationToken);

    /// <summary>
    /// Takes the delivery for one attempt: sets its <c>NextAttemptAt</c> to <paramref name="leaseUntil"/> only if it is
    /// still pending at <paramref name="attempts"/> attempts and due (no next attempt, or one at or before
    /// <paramref name="now"/>). False when another sender holds it, it moved on, or it is not due yet.
    /// </summary>
    Task<bool> Claim(string deliveryId, int attempts, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken);

    /// <summary>
    /// Appends the attempt and replaces the delivery with <paramref name="delivery"/> in one write. False when that
    /// (delivery, attempt) is recorded already (a repeat, or another sender's attempt of a duplicate message): nothing
    /// is written and the stored delivery stands.
    /// </summary>
    Task<bool> RecordAttempt(WebhookAttempt attempt, WebhookDelivery delivery, CancellationToken cancellationToken);

    /// <summary>Deliveries of the client's payment, by creation.</summary>
    Task<IReadOnlyList<WebhookDelivery>> DeliveriesForPayment(string clientId, Guid paymentId, CancellationToken cancellationToken);

    /// <summary>Attempts of one delivery, in attempt order.</summary>
    Task<IReadOnlyList<WebhookAttempt>> AttemptsForDelivery(string deliveryId, CancellationToken cancellationToken);

    /// <summary>The endpoint's most recent attempts, newest first, at most <paramref name="limit"/>.</summary>
    Task<IReadOnlyList<WebhookAttempt>> AttemptsForEndpoint(string clientId, string endpointId, int limit, CancellationToken cancellationToken);
}
