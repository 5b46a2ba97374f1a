using Amazon.DynamoDBv2.Model;

namespace Payments.Aws.Streams;

/// <summary>Streams' AttributeValue JSON into the SDK's type, so the store's one item mapping reads both.</summary>
internal static class StreamImages
{
    public static Dictionary<string, AttributeValue> ToItem(IReadOnlyDictionary<string, StreamAttributeValue> image) =>
        image.ToDictionary(p => p.Key, p => ToAttribute(p.Value), StringComparer.Ordinal);

    private static AttributeValue ToAttribute(StreamAttributeValue v) => v switch
    {
        { S: { } s } => new AttributeValue { S = s },
        { N: { } n } => new AttributeValue { N = n },
        { B: { } b } => new AttributeValue { B = new MemoryStream(Convert.FromBase64String(b)) },
        { SS: { } ss } => new AttributeValue { SS = ss.ToList() },
        { NS: { } ns } => new AttributeValue { NS = ns.ToList() },
        { BS: { } bs } => new AttributeValue { BS = bs.Select(x => new MemoryStream(Convert.FromBase64String(x))).ToList() },
        { M: { } m } => new AttributeValue { M = ToItem(m) },
        { L: { } l } => new AttributeValue { L = l.Select(ToAttribute).ToList() },
        { Bool: { } flag } => new AttributeValue { BOOL = flag },
        { Null: true } => new AttributeValue { NULL = true },
        _ => throw new FormatException("AttributeValue JSON sets none of S, N, B, SS, NS, BS, M, L, BOOL, NULL."),
    };
}
