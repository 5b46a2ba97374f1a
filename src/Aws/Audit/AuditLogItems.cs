using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Payments.Aws.EventStore;
using Payments.EventStore.Audit;
using Payments.EventStore.Contract;
using Payments.EventStore.Integrity;
using Schema = Payments.Aws.Audit.DynamoDbAuditLogSchema;

namespace Payments.Aws.Audit;

/// <summary>
/// The audit log table's four kinds of item, (pk, sk) first:
/// <list type="bullet">
/// <item>head (<c>head</c>, 0): <c>size</c>, the number of leaves; every append is conditional on it.</item>
/// <item>marker (<c>seq#STREAM</c>, version): <c>position</c>. Put only where none exists, so an event gets one position.</item>
/// <item>entry (<c>entry#⌊position / 1000⌋</c>, position): the event item's attributes and its <c>position</c> (the
/// ordered feed), plus <c>node_L</c> for the leaf (L = 0) and each perfect subtree root that leaf completed: node
/// (L, i) is completed by position (i + 1)·2^L, so every tree node lives in exactly one entry and costs no item of its own.</item>
/// <item>checkpoint (<c>checkpoint</c>, tree size): root, time, origin, public key and signature; the newest per size.</item>
/// </list>
/// </summary>
internal static class AuditLogItems
{
    public const long EntriesPerBucket = 1_000;
    public const string Checkpoints = "checkpoint";
    public const string Size = "size";
    public const string Position = DynamoDbEventAttributes.Position;
    public const string IssuedAt = "issued_at";

    private const string MarkerPrefix = "seq#";
    private const string RootHash = "root_hash";
    private const string Origin = "origin";
    private const string PublicKey = "public_key";
    private const string Signature = "signature";

    public static Dictionary<string, AttributeValue> HeadKey() => Key("head", 0);

    public static Dictionary<string, AttributeValue> MarkerKey(StreamId stream, long version) => Key(MarkerPrefix + stream.Value, version);

    public static Dictionary<string, AttributeValue> EntryKey(long position) => Key(EntryBucket(position), position);

    public static string EntryBucket(long position) => "entry#" + (position / EntriesPerBucket).ToString(CultureInfo.InvariantCulture);

    public static string NodeAttribute(int level) => "node_" + level.ToString(CultureInfo.InvariantCulture);

    /// <summary>The position whose leaf completes node (<paramref name="level"/>, <paramref name="index"/>): its last leaf's; null when no position could.</summary>
    public static long? PositionCompleting(int level, long index) =>
        level is >= 0 and <= 62 && index >= 0 && index < long.MaxValue >> level ? (index + 1) << level : null;

    public static Dictionary<string, AttributeValue> Head(long size)
    {
        var item = HeadKey();
        item[Size] = DynamoDbEventItem.Number(size);
        return item;
    }

    public static Dictionary<string, AttributeValue> Marker(StoredEvent e)
    {
        var item = MarkerKey(e.StreamId, e.Version);
        item[Position] = DynamoDbEventItem.Number(e.Position);
        return item;
    }

    public static Dictionary<string, AttributeValue> Entry(StoredEvent e, IEnumerable<MerkleNode> nodes)
    {
        var item = DynamoDbEventItem.From(e);
        item[Schema.PartitionKey] = new AttributeValue { S = EntryBucket(e.Position) };
        item[Schema.SortKey] = DynamoDbEventItem.Number(e.Position);
        item[Position] = DynamoDbEventItem.Number(e.Position);
        foreach (var node in nodes)
        {
            item[NodeAttribute(node.Level)] = Binary(node.Hash);
        }

        return item;
    }

    public static Dictionary<string, AttributeValue> Checkpoint(SignedCheckpoint checkpoint)
    {
        var item = Key(Checkpoints, checkpoint.TreeSize);
        item[RootHash] = Binary(checkpoint.RootHash);
        item[IssuedAt] = new AttributeValue { S = EventHashChain.FormatTime(checkpoint.IssuedAt) };
        item[Origin] = new AttributeValue { S = checkpoint.Origin };
        item[PublicKey] = Binary(checkpoint.PublicKey);
        item[Signature] = Binary(checkpoint.Signature);
        return item;
    }

    public static SignedCheckpoint ToCheckpoint(IReadOnlyDictionary<string, AttributeValue> item) => new(
        DynamoDbEventItem.Text(item, Origin),
        DynamoDbEventItem.Long(item, Schema.SortKey),
        Bytes(item, RootHash),
        EventHashChain.ParseTime(DynamoDbEventItem.Text(item, IssuedAt)),
        Bytes(item, PublicKey),
        Bytes(item, Signature));

    /// <summary>The stream, version and position a marker records.</summary>
    public static ((StreamId Stream, long Version) Event, long Position) ToMarker(IReadOnlyDictionary<string, AttributeValue> item) =>
        ((new StreamId(DynamoDbEventItem.Text(item, Schema.PartitionKey)[MarkerPrefix.Length..]), DynamoDbEventItem.Long(item, Schema.SortKey)),
         DynamoDbEventItem.Long(item, Position));

    /// <exception cref="FormatException">The item has no such binary attribute.</exception>
    public static byte[] Bytes(IReadOnlyDictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.B is { } b ? b.ToArray() : throw new FormatException($"Audit log item has no binary attribute '{name}'.");

    private static AttributeValue Binary(byte[] bytes) => new() { B = new MemoryStream(bytes) };

    private static Dictionary<string, AttributeValue> Key(string partition, long sort) => new(StringComparer.Ordinal)
    {
        [Schema.PartitionKey] = new AttributeValue { S = partition },
        [Schema.SortKey] = DynamoDbEventItem.Number(sort),
    };
}
