namespace Payments.Application.Webhooks;

internal static partial class WebhookLog
{
    [LoggerMessage(EventId = 6001, Level = LogLevel.Warning, Message = "Webhook queue message {MessageId} is none of envelope, delivery or recovery; dead-lettering it")]
    public static partial void Unreadable(ILogger logger, string messageId);

    [LoggerMessage(EventId = 6002, Level = LogLevel.Information, Message = "Payment {PaymentId} v{Sequence}: {EventType} {WebhookId} fanned out to {Endpoints} endpoint(s)")]
    public static partial void FannedOut(ILogger logger, Guid paymentId, long sequence, string eventType, string webhookId, int endpoints);

    [LoggerMessage(EventId = 6003, Level = LogLevel.Information, Message = "Delivery {DeliveryId} ({WebhookId}) to {EndpointId}: attempt {Attempt} delivered, HTTP {StatusCode} in {LatencyMs} ms")]
    public static partial void Delivered(ILogger logger, string deliveryId, string webhookId, string endpointId, int attempt, int? statusCode, long latencyMs);

    [LoggerMessage(EventId = 6004, Level = LogLevel.Warning, Message = "Delivery {DeliveryId} ({WebhookId}) to {EndpointId}: attempt {Attempt} failed ({Error}); next try in {Delay}")]
    public static partial void AttemptFailed(ILogger logger, string deliveryId, string webhookId, string endpointId, int attempt, string? error, TimeSpan delay);

    [LoggerMessage(EventId = 6005, Level = LogLevel.Error, Message = "Delivery {DeliveryId} ({WebhookId}) to {EndpointId}: attempt {Attempt} failed ({Error}); no attempts left, dead-lettered")]
    public static partial void DeadLettered(ILogger logger, string deliveryId, string webhookId, string endpointId, int attempt, string? error);

    [LoggerMessage(EventId = 6006, Level = LogLevel.Warning, Message = "Endpoint {EndpointId} of client {ClientId} disabled: {Reason}")]
    public static partial void EndpointDisabled(ILogger logger, string endpointId, string clientId, string reason);

    [LoggerMessage(EventId = 6007, Level = LogLevel.Warning, Message = "Envelope for payment {PaymentId} v{Sequence}: the ledger has only {Available} events yet; retrying")]
    public static partial void LedgerBehind(ILogger logger, string paymentId, string sequence, int available);

    [LoggerMessage(EventId = 6008, Level = LogLevel.Information, Message = "Recovery of endpoint {EndpointId} from {Since} to {Until}: {Queued} delivery(ies) queued of {Messages} message(s)")]
    public static partial void Recovered(ILogger logger, string endpointId, DateTimeOffset since, DateTimeOffset until, int queued, int messages);

    [LoggerMessage(EventId = 6009, Level = LogLevel.Error, Message = "Webhook queue message {MessageId} failed unexpectedly; it will be retried")]
    public static partial void Crashed(ILogger logger, Exception exception, string messageId);

    [LoggerMessage(EventId = 6011, Level = LogLevel.Warning, Message = "Delivery {DeliveryId} ({WebhookId}): attempt {Attempt} was sent twice by duplicate messages; the first record stands")]
    public static partial void AttemptRaced(ILogger logger, string deliveryId, string webhookId, int attempt);

    [LoggerMessage(EventId = 6010, Level = LogLevel.Error, Message = "The webhook queue failed; the receive loop retries")]
    public static partial void QueueFailed(ILogger logger, Exception exception);
}
