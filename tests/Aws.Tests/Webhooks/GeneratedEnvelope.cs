using System.Text.Json.Nodes;
using Payments.Application.Webhooks.Routing;
using Payments.Domain.Serialization;
using Payments.EventStore.Contract;
using static Payments.Aws.Tests.Webhooks.RoutingVocabulary;

namespace Payments.Aws.Tests.Webhooks;

/// <summary>
/// What a PutEvents entry says of an event (the bus adds id, account, region, time and version). A third are the
/// embedded router's own envelopes for a random ledger event; the rest vary every field over the vocabulary, drop detail
/// fields, and carry versions as "0", "" and numbers.
/// </summary>
internal sealed record GeneratedEnvelope(string Source, string DetailType, JsonObject Detail, IReadOnlyList<string>? Resources)
{
    /// <summary>The ledger event this is the router's envelope of; null for a varied one.</summary>
    public StoredEvent? Ledger { get; private init; }

    public static List<GeneratedEnvelope> Many(int count, int seed)
    {
        var random = new Random(seed);
        return [.. Enumerable.Range(0, count).Select(i => i % 3 == 0 ? FromLedger(random) : Varied(random))];
    }

    /// <summary>The event as the bus hands it to a rule: what the rule patterns are matched against.</summary>
    public string AsDelivered(string id, string account, string region) => new JsonObject
    {
        ["version"] = "0",
        ["id"] = id,
        ["detail-type"] = DetailType,
        ["source"] = Source,
        ["account"] = account,
        ["time"] = "2026-03-01T12:00:00Z",
        ["region"] = region,
        ["resources"] = new JsonArray([.. (Resources ?? []).Select(r => (JsonNode?)JsonValue.Create(r))]),
        ["detail"] = Detail.DeepClone(),
    }.ToJsonString();

    private static GeneratedEnvelope FromLedger(Random random)
    {
        var type = random.Pick([.. PaymentEventCodec.TypeNames]);
        var version = random.Next(1, 20);
        var stored = new StoredEvent(
            StreamId.For(Guid.Parse(random.Pick(PaymentIds[..2]))), version, version, type, 1, DateTimeOffset.UnixEpoch.AddDays(20_000 + version), "{}", new EventMetadata("c", null, "t"), "h");
        var envelope = JsonNode.Parse(LedgerEventEnvelope.From(stored).ToJson())!.AsObject();
        return new GeneratedEnvelope(envelope["source"]!.GetValue<string>(), envelope["detail-type"]!.GetValue<string>(), envelope["detail"]!.AsObject(), null)
        {
            Ledger = stored,
        };
    }

    private static GeneratedEnvelope Varied(Random random)
    {
        var detail = new JsonObject();
        Maybe(random, detail, "payment_id", () => random.Chance(0.15) ? null : JsonValue.Create(random.Pick(PaymentIds)));
        Maybe(random, detail, "version", () => random.Next(4) switch
        {
            0 => JsonValue.Create(random.Pick(Numbers[..4])),
            1 => null,
            _ => JsonValue.Create(random.Pick(VersionTexts)),
        });
        Maybe(random, detail, "type", () => JsonValue.Create(random.Pick(DetailTypes)));
        Maybe(random, detail, "occurred_at", () => JsonValue.Create("2026-03-01T12:00:00.0000000Z"));
        Maybe(random, detail, "amount", () => random.Chance(0.2) ? JsonValue.Create("100") : JsonValue.Create(random.Pick(Numbers)));
        Maybe(random, detail, "live", () => random.Next(4) switch
        {
            0 => JsonValue.Create(true),
            1 => JsonValue.Create(false),
            2 => JsonValue.Create("true"),
            _ => null,
        });
        Maybe(random, detail, "tags", () => new JsonArray([.. Tags.Where(_ => random.Chance(0.5)).DefaultIfEmpty("eu").Select(t => (JsonNode?)JsonValue.Create(t))]));
        Maybe(random, detail, "client_ip", () => JsonValue.Create(random.Pick(ClientIps)));
        Maybe(random, detail, "error", () => random.Chance(0.3)
            ? JsonValue.Create(random.Pick(ErrorCodes))
            : new JsonObject { ["code"] = random.Pick(ErrorCodes), ["retryable"] = random.Chance(0.5) });
        var resources = random.Chance(0.5) ? null : ResourceArns.Where(_ => random.Chance(0.5)).DefaultIfEmpty(ResourceArns[0]).ToList();
        return new GeneratedEnvelope(random.Pick(Sources), random.Pick(DetailTypes), detail, resources);
    }

    private static void Maybe(Random random, JsonObject detail, string field, Func<JsonNode?> value)
    {
        if (random.Chance(0.75))
        {
            detail[field] = value();
        }
    }
}
