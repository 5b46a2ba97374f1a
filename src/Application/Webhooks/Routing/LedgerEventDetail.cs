using System.Text.Json.Serialization;

namespace Payments.Application.Webhooks.Routing;

/// <summary>
/// The envelope's <c>detail</c>: which ledger event this is. Every field is a string because the cloud's Pipe renders
/// it from a DynamoDB stream image with an input template (quoted placeholders), and both columns must build the
/// same bytes for the same event. The event's data is not carried: the fan-out folds the payment from the ledger.
/// </summary>
public sealed record LedgerEventDetail(
    [property: JsonPropertyName("payment_id")] string PaymentId,
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("occurred_at")] string OccurredAt);
