using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Payments.EventStore.Contract;
using Payments.EventStore.Integrity;
using Payments.EventStore.Serialization;
using A = Payments.Aws.EventStore.DynamoDbEventAttributes;

namespace Payments.Aws.EventStore;

/// <summary>The one mapping between a stored event and its DynamoDB item (also what Streams carries as NewImage); it touches no item but its own.</summary>
public static class DynamoDbEventItem
{
    public static Dictionary<string, AttributeValue> From(StoredEvent e) => new()
    {
        [A.PaymentId] = new AttributeValue { S = e.StreamId.Value },
        [A.Version] = Number(e.Version),
        [A.Type] = new AttributeValue { S = e.Type },
        [A.SchemaVersion] = Number(e.SchemaVersion),
        [A.OccurredAt] = new AttributeValue { S = EventHashChain.FormatTime(e.OccurredAt) },
        [A.Data] = new AttributeValue { S = e.Data },
        [A.Metadata] = new AttributeValue { S = e.StoredMetadata ?? MetadataJson.Serialize(e.Metadata) },
        [A.Hash] = new AttributeValue { S = e.Hash },
        [A.HashScheme] = Number(e.HashScheme),
    };

    /// <summary>Reads an event item; throws <see cref="FormatException"/> when an attribute is missing or malformed.</summary>
    public static StoredEvent ToStoredEvent(IReadOnlyDictionary<string, AttributeValue> item) => new(
        new StreamId(Text(item, A.PaymentId)),
        Long(item, A.Version),
        // No global position on the cloud write path: the audit sequencer assigns one from the stream.
        item.ContainsKey(A.Position) ? Long(item, A.Position) : 0,
        Text(item, A.Type),
        (int)Long(item, A.SchemaVersion),
        EventHashChain.ParseTime(Text(item, A.OccurredAt)),
        Text(item, A.Data),
        MetadataJson.Deserialize(Text(item, A.Metadata)),
        Text(item, A.Hash),
        item.ContainsKey(A.HashScheme) ? (int)Long(item, A.HashScheme) : EventHashScheme.Canonical,
        Text(item, A.Metadata));

    public static AttributeValue Number(long value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    public static string Text(IReadOnlyDictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.S is { } s ? s : throw new FormatException($"Event item has no string attribute '{name}'.");

    public static long Long(IReadOnlyDictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && long.TryParse(value.N, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n)
            ? n
            : throw new FormatException($"Event item has no integer attribute '{name}'.");
}
