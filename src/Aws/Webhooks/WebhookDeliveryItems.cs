using Amazon.DynamoDBv2.Model;
using Payments.Application.Webhooks.Deliveries;
using static Payments.Aws.Webhooks.WebhookItemValues;
using Schema = Payments.Aws.Webhooks.DynamoDbWebhookSchema;

namespace Payments.Aws.Webhooks;

/// <summary>
/// Item mappings of the deliveries table's three kinds: messages, deliveries and attempts. Each item carries the key
/// attributes of its own index only, so every index holds one kind.
/// </summary>
internal static class WebhookDeliveryItems
{
    public const string MessageId = "message_id";
    public const string DeliveryId = "delivery_id";
    public const string EventType = "event_type";
    public const string PaymentId = "payment_id";
    public const string Sequence = "sequence";
    public const string Timestamp = "timestamp";
    public const string Payload = "payload";
    public const string State = "state";
    public const string Attempts = "attempts";
    public const string RoundAttempts = "round_attempts";
    public const string LastStatusCode = "last_status_code";
    public const string LastError = "last_error";
    public const string NextAttemptAt = "next_attempt_at";
    public const string CreatedAt = "created_at";
    public const string UpdatedAt = "updated_at";
    public const string Attempt = "attempt";
    public const string At = "at";
    public const string StatusCode = "status_code";
    public const string LatencyTicks = "latency_ticks";
    public const string Error = "error";

    public const string AttemptPrefix = "attempt#";

    public static Dictionary<string, AttributeValue> MessageKey(string messageId) => Key("msg#" + messageId, "message");

    public static Dictionary<string, AttributeValue> DeliveryKey(string deliveryId) => Key(DeliveryPartition(deliveryId), "delivery");

    public static Dictionary<string, AttributeValue> AttemptKey(string deliveryId, int attempt) =>
        Key(DeliveryPartition(deliveryId), AttemptPrefix + Counter(attempt));

    public static string DeliveryPartition(string deliveryId) => "dlv#" + deliveryId;

    public static string PaymentOf(string clientId, Guid paymentId) => clientId + "#" + Id(paymentId);

    public static string EndpointOf(string clientId, string endpointId) => clientId + "#" + endpointId;

    public static Dictionary<string, AttributeValue> From(WebhookMessage m)
    {
        var item = MessageKey(m.MessageId);
        item[MessageId] = S(m.MessageId);
        item[Schema.ClientId] = S(m.ClientId);
        item[EventType] = S(m.EventType);
        item[Timestamp] = Time(m.Timestamp);
        item[Payload] = S(m.Payload);
        item[Schema.MessageClient] = S(m.ClientId);
        item[Schema.MessageAt] = S(TimeText(m.Timestamp) + "#" + m.MessageId);
        Optional(item, PaymentId, m.PaymentId is { } payment ? S(Id(payment)) : null);
        Optional(item, Sequence, m.Sequence is { } sequence ? N(sequence) : null);
        return item;
    }

    public static WebhookMessage ToMessage(IReadOnlyDictionary<string, AttributeValue> item) => new(
        Text(item, MessageId),
        Text(item, Schema.ClientId),
        Text(item, EventType),
        OptionalGuid(item, PaymentId),
        OptionalLong(item, Sequence),
        Time(item, Timestamp),
        Text(item, Payload));

    public static Dictionary<string, AttributeValue> From(WebhookDelivery d)
    {
        var item = DeliveryKey(d.DeliveryId);
        item[DeliveryId] = S(d.DeliveryId);
        item[MessageId] = S(d.MessageId);
        item[Schema.EndpointId] = S(d.EndpointId);
        item[Schema.ClientId] = S(d.ClientId);
        item[EventType] = S(d.EventType);
        item[State] = S(d.State.ToString());
        item[Attempts] = N(d.Attempts);
        item[RoundAttempts] = N(d.RoundAttempts);
        item[CreatedAt] = Time(d.CreatedAt);
        item[UpdatedAt] = Time(d.UpdatedAt);
        Optional(item, LastStatusCode, d.LastStatusCode is { } status ? N(status) : null);
        Optional(item, LastError, d.LastError is { } error ? S(error) : null);
        Optional(item, NextAttemptAt, d.NextAttemptAt is { } next ? Time(next) : null);
        if (d.PaymentId is { } payment)
        {
            item[PaymentId] = S(Id(payment));
            item[Schema.DeliveryPayment] = S(PaymentOf(d.ClientId, payment));
            item[Schema.DeliveryCreated] = S(TimeText(d.CreatedAt) + "#" + d.DeliveryId);
        }

        return item;
    }

    public static WebhookDelivery ToDelivery(IReadOnlyDictionary<string, AttributeValue> item) => new(
        Text(item, DeliveryId),
        Text(item, MessageId),
        Text(item, Schema.EndpointId),
        Text(item, Schema.ClientId),
        Text(item, EventType),
        OptionalGuid(item, PaymentId),
        Enum.TryParse<WebhookDeliveryState>(Text(item, State), out var state) ? state : throw new FormatException($"Webhook delivery state '{Text(item, State)}' is unknown."),
        Int(item, Attempts),
        Int(item, RoundAttempts),
        OptionalInt(item, LastStatusCode),
        OptionalText(item, LastError),
        OptionalTime(item, NextAttemptAt),
        Time(item, CreatedAt),
        Time(item, UpdatedAt));

    public static Dictionary<string, AttributeValue> From(WebhookAttempt a)
    {
        var item = AttemptKey(a.DeliveryId, a.Attempt);
        item[DeliveryId] = S(a.DeliveryId);
        item[Attempt] = N(a.Attempt);
        item[MessageId] = S(a.MessageId);
        item[Schema.EndpointId] = S(a.EndpointId);
        item[Schema.ClientId] = S(a.ClientId);
        item[EventType] = S(a.EventType);
        item[At] = Time(a.At);
        item[LatencyTicks] = N(a.Latency.Ticks);
        item[Schema.AttemptEndpoint] = S(EndpointOf(a.ClientId, a.EndpointId));
        item[Schema.AttemptAt] = S(TimeText(a.At) + "#" + a.DeliveryId + "#" + Counter(a.Attempt));
        Optional(item, PaymentId, a.PaymentId is { } payment ? S(Id(payment)) : null);
        Optional(item, StatusCode, a.StatusCode is { } status ? N(status) : null);
        Optional(item, Error, a.Error is { } error ? S(error) : null);
        Optional(item, NextAttemptAt, a.NextAttemptAt is { } next ? Time(next) : null);
        return item;
    }

    public static WebhookAttempt ToAttempt(IReadOnlyDictionary<string, AttributeValue> item) => new(
        Text(item, DeliveryId),
        Int(item, Attempt),
        Text(item, MessageId),
        Text(item, Schema.EndpointId),
        Text(item, Schema.ClientId),
        Text(item, EventType),
        OptionalGuid(item, PaymentId),
        Time(item, At),
        OptionalInt(item, StatusCode),
        TimeSpan.FromTicks(Long(item, LatencyTicks)),
        OptionalText(item, Error),
        OptionalTime(item, NextAttemptAt));

    private static Dictionary<string, AttributeValue> Key(string partition, string sort) => new(StringComparer.Ordinal)
    {
        [Schema.PartitionKey] = S(partition),
        [Schema.SortKey] = S(sort),
    };
}
