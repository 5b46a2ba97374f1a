namespace Payments.Application.Webhooks.Routing;

/// <summary>
/// The rules that pick webhook-worthy ledger events off the bus into the webhook queue. One list for both columns:
/// the embedded router matches them in process, the cloud topology creates them as EventBridge rules. Their
/// patterns never overlap, so no envelope reaches the queue twice through two rules.
/// </summary>
public static class WebhookRoutingRules
{
    public static IReadOnlyList<WebhookRoutingRule> All { get; } =
    [
        new(
            "payment-status-webhooks",
            "a payment started processing, completed or failed",
            Pattern(["PaymentProcessingStarted", "PaymentCompleted", "PaymentFailed"], "")),
        new(
            "payment-attention-webhooks",
            "a payment needs attention: a ramp call went unanswered or a reversal was refused",
            Pattern(["RampOutcomeUnknown", "ReversalRefused"], ""","detail":{"payment_id":[{"exists":true}],"version":[{"anything-but":["0",""]}]}""")),
    ];

    private static string Pattern(IEnumerable<string> ledgerTypes, string detailFilter) =>
        $$"""{"source":["{{LedgerEventEnvelope.LedgerSource}}"],"detail-type":[{{string.Join(",", ledgerTypes.Select(t => $"\"{t}\""))}}]{{detailFilter}}}""";
}
