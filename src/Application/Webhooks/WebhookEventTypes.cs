using Payments.Domain.Events;
using Payments.Domain.Serialization;

namespace Payments.Application.Webhooks;

/// <summary>
/// The catalogue of webhook event types a client can subscribe to. Payment types carry the whole payment as of the
/// ledger event that caused them; <see cref="EndpointDisabled"/> tells a client's other endpoints that one stopped.
/// </summary>
public static class WebhookEventTypes
{
    public const string PaymentProcessing = "payment.processing";
    public const string PaymentCompleted = "payment.completed";
    public const string PaymentFailed = "payment.failed";

    /// <summary>An unanswered ramp call or a refused reversal: the payment waits on a lookup or an operator.</summary>
    public const string PaymentAttentionRequired = "payment.attention_required";

    public const string EndpointDisabled = "endpoint.disabled";

    public static IReadOnlyList<WebhookEventType> Catalogue { get; } =
    [
        new(PaymentProcessing, "A worker took the payment and began converting it.", IsPaymentEvent: true),
        new(PaymentCompleted, "Both legs settled: the payout reached the destination account.", IsPaymentEvent: true),
        new(PaymentFailed, "The payment ended without a payout; error_code says why, reversal_tx_id names returned funds.", IsPaymentEvent: true),
        new(PaymentAttentionRequired, "A ramp call went unanswered or a reversal was refused; the payment stays PROCESSING until resolved.", IsPaymentEvent: true),
        new(EndpointDisabled, "One of your webhook endpoints was disabled (it answered 410, or failed every delivery for 5 days).", IsPaymentEvent: false),
    ];

    /// <summary>Ledger event type → webhook event type, for the ledger events that become webhooks.</summary>
    public static IReadOnlyDictionary<string, string> ByLedgerType { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        [PaymentEventCodec.TypeName<PaymentEvent.PaymentProcessingStarted>()] = PaymentProcessing,
        [PaymentEventCodec.TypeName<PaymentEvent.PaymentCompleted>()] = PaymentCompleted,
        [PaymentEventCodec.TypeName<PaymentEvent.PaymentFailed>()] = PaymentFailed,
        [PaymentEventCodec.TypeName<PaymentEvent.RampOutcomeUnknown>()] = PaymentAttentionRequired,
        [PaymentEventCodec.TypeName<PaymentEvent.ReversalRefused>()] = PaymentAttentionRequired,
    };

    public static bool IsKnown(string type) => Catalogue.Any(t => string.Equals(t.Type, type, StringComparison.Ordinal));
}
