using System.Text.Json;
using Payments.Functions.Api.Contracts;

namespace Payments.Functions.Cli.Replay;

/// <summary>
/// One stored event and the payment after it. <see cref="StateAfter"/> is the API's own payment shape, so a tool
/// compares it with <c>GET /payments/{id}?as_of_version=N</c> field for field.
/// </summary>
internal sealed record ReplayedEvent(
    long Version,
    long Position,
    string Type,
    DateTimeOffset RecordedAt,
    JsonElement Data,
    string Hash,
    PaymentResponse StateAfter)
{
    public static ReplayedEvent From(ReplayStep step) => new(
        step.Stored.Version,
        step.Stored.Position,
        step.Stored.Type,
        step.Stored.OccurredAt,
        JsonElement.Parse(step.Stored.Data),
        step.Stored.Hash,
        Api.PaymentResponses.From(step.After));
}
