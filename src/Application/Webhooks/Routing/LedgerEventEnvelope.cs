using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Payments.EventStore.Contract;

namespace Payments.Application.Webhooks.Routing;

/// <summary>
/// A ledger event in EventBridge's envelope, as the bus hands it to a rule target: the cloud's Pipe builds it from
/// the events stream, the embedded router from the log. <c>detail-type</c> is the ledger event type.
/// </summary>
public sealed record LedgerEventEnvelope(
    [property: JsonPropertyName("version")] string Version,
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("detail-type")] string DetailType,
    [property: JsonPropertyName("source")] string Source,
    [property: JsonPropertyName("account")] string Account,
    [property: JsonPropertyName("time")] DateTimeOffset Time,
    [property: JsonPropertyName("region")] string Region,
    [property: JsonPropertyName("resources")] IReadOnlyList<string> Resources,
    [property: JsonPropertyName("detail")] LedgerEventDetail Detail)
{
    /// <summary>The source of every ledger event on the bus (the Pipe's <c>source</c>).</summary>
    public const string LedgerSource = "payments.ledger";

    /// <summary>The account and region the embedded column stamps on its envelopes.</summary>
    public const string LocalAccount = "000000000000";
    public const string LocalRegion = "local";

    /// <summary>The embedded router's envelope for a stored event; its id is derived from the event, so a re-read page yields the same id.</summary>
    public static LedgerEventEnvelope From(StoredEvent stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        var version = stored.Version.ToString(CultureInfo.InvariantCulture);
        var occurredAt = stored.OccurredAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{stored.StreamId.Value}:{version}"));
        return new LedgerEventEnvelope(
            "0",
            new Guid(hash.AsSpan(0, 16)).ToString("D"),
            stored.Type,
            LedgerSource,
            LocalAccount,
            stored.OccurredAt.ToUniversalTime(),
            LocalRegion,
            [],
            new LedgerEventDetail(stored.StreamId.Value, version, stored.Type, occurredAt));
    }

    public string ToJson() => JsonSerializer.Serialize(this, WebhookRoutingJsonContext.Default.LedgerEventEnvelope);

    /// <summary>Reads an envelope as a rule target receives it; null when the body is not one.</summary>
    public static LedgerEventEnvelope? TryParse(string body)
    {
        try
        {
            var envelope = JsonSerializer.Deserialize(body, WebhookRoutingJsonContext.Default.LedgerEventEnvelope);
            return envelope?.Detail is { PaymentId.Length: > 0, Version.Length: > 0 } ? envelope : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
