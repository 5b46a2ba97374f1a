using Amazon.DynamoDBv2.Model;
using Payments.Application.Webhooks.Endpoints;
using static Payments.Aws.Webhooks.WebhookItemValues;

namespace Payments.Aws.Webhooks;

/// <summary>Item mapping of a webhook endpoint; the secrets stay sealed, as the store is handed them.</summary>
internal static class WebhookEndpointItem
{
    public const string Url = "url";
    public const string EventTypes = "event_types";
    public const string Description = "description";
    public const string Enabled = "enabled";
    public const string DisabledReason = "disabled_reason";
    public const string DisabledAt = "disabled_at";
    public const string SealedSecret = "sealed_secret";
    public const string PreviousSealedSecret = "previous_sealed_secret";
    public const string PreviousSecretExpiresAt = "previous_secret_expires_at";
    public const string FailingSince = "failing_since";
    public const string CreatedAt = "created_at";
    public const string UpdatedAt = "updated_at";
    public const string Revision = "revision";

    public static Dictionary<string, AttributeValue> Key(string clientId, string endpointId) => new(StringComparer.Ordinal)
    {
        [DynamoDbWebhookSchema.ClientId] = S(clientId),
        [DynamoDbWebhookSchema.EndpointId] = S(endpointId),
    };

    public static Dictionary<string, AttributeValue> From(WebhookEndpoint e)
    {
        var item = Key(e.ClientId, e.EndpointId);
        item[Url] = S(e.Url);
        item[EventTypes] = new AttributeValue { L = [.. e.EventTypes.Select(S)] };
        item[Enabled] = new AttributeValue { BOOL = e.Enabled };
        item[SealedSecret] = S(e.SealedSecret);
        item[CreatedAt] = Time(e.CreatedAt);
        item[UpdatedAt] = Time(e.UpdatedAt);
        item[Revision] = N(e.Revision);
        Optional(item, Description, e.Description is { } description ? S(description) : null);
        Optional(item, DisabledReason, e.DisabledReason is { } reason ? S(reason) : null);
        Optional(item, DisabledAt, e.DisabledAt is { } disabledAt ? Time(disabledAt) : null);
        Optional(item, PreviousSealedSecret, e.PreviousSealedSecret is { } previous ? S(previous) : null);
        Optional(item, PreviousSecretExpiresAt, e.PreviousSecretExpiresAt is { } expires ? Time(expires) : null);
        Optional(item, FailingSince, e.FailingSince is { } failing ? Time(failing) : null);
        return item;
    }

    public static WebhookEndpoint ToEndpoint(IReadOnlyDictionary<string, AttributeValue> item) => new(
        Text(item, DynamoDbWebhookSchema.EndpointId),
        Text(item, DynamoDbWebhookSchema.ClientId),
        Text(item, Url),
        item.TryGetValue(EventTypes, out var types) && types.L is { } list ? [.. list.Select(t => t.S)] : [],
        OptionalText(item, Description),
        item.TryGetValue(Enabled, out var enabled) && enabled.BOOL == true,
        OptionalText(item, DisabledReason),
        OptionalTime(item, DisabledAt),
        Text(item, SealedSecret),
        OptionalText(item, PreviousSealedSecret),
        OptionalTime(item, PreviousSecretExpiresAt),
        OptionalTime(item, FailingSince),
        Time(item, CreatedAt),
        Time(item, UpdatedAt),
        Long(item, Revision));
}
