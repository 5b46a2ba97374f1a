using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Payments.EventStore.Integrity;

namespace Payments.Aws.Webhooks;

/// <summary>
/// Attribute values of the webhook items. Times are the event store's fixed-width UTC text, so they round-trip to the
/// tick and sort as text; a missing or malformed required attribute is a <see cref="FormatException"/> naming it.
/// </summary>
internal static class WebhookItemValues
{
    public static AttributeValue S(string value) => new() { S = value };

    public static AttributeValue N(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    public static AttributeValue Time(DateTimeOffset value) => S(TimeText(value));

    public static string TimeText(DateTimeOffset value) => EventHashChain.FormatTime(value);

    public static string Id(Guid value) => value.ToString("D");

    /// <summary>Sort keys carry counters at fixed width so text order is numeric order.</summary>
    public static string Counter(int value) => value.ToString("D10", CultureInfo.InvariantCulture);

    public static void Optional(Dictionary<string, AttributeValue> item, string name, AttributeValue? value)
    {
        if (value is not null)
        {
            item[name] = value;
        }
    }

    public static string Text(IReadOnlyDictionary<string, AttributeValue> item, string name) =>
        OptionalText(item, name) ?? throw new FormatException($"Webhook item has no string attribute '{name}'.");

    public static string? OptionalText(IReadOnlyDictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) ? value.S : null;

    public static long Long(IReadOnlyDictionary<string, AttributeValue> item, string name) =>
        OptionalLong(item, name) ?? throw new FormatException($"Webhook item has no integer attribute '{name}'.");

    public static long? OptionalLong(IReadOnlyDictionary<string, AttributeValue> item, string name)
    {
        if (!item.TryGetValue(name, out var value) || value.N is null)
        {
            return null;
        }

        return long.TryParse(value.N, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new FormatException($"Webhook item attribute '{name}' is not an integer.");
    }

    public static int Int(IReadOnlyDictionary<string, AttributeValue> item, string name) => checked((int)Long(item, name));

    public static int? OptionalInt(IReadOnlyDictionary<string, AttributeValue> item, string name) =>
        OptionalLong(item, name) is { } n ? checked((int)n) : null;

    public static DateTimeOffset Time(IReadOnlyDictionary<string, AttributeValue> item, string name) => EventHashChain.ParseTime(Text(item, name));

    public static DateTimeOffset? OptionalTime(IReadOnlyDictionary<string, AttributeValue> item, string name) =>
        OptionalText(item, name) is { } text ? EventHashChain.ParseTime(text) : null;

    public static Guid? OptionalGuid(IReadOnlyDictionary<string, AttributeValue> item, string name) =>
        OptionalText(item, name) is { } text ? Guid.Parse(text) : null;
}
