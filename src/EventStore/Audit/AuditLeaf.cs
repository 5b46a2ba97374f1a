using System.Buffers.Binary;
using System.Text;
using Payments.EventStore.Contract;

namespace Payments.EventStore.Audit;

/// <summary>
/// What the log commits to for one event: its global position, stream, version, hash scheme and hash. The hash covers
/// the content and its stream predecessor, so the tree over these leaves catches re-chaining, reordering, deletion and
/// truncation, while the chain catches a content edit that left the stored hash alone.
/// </summary>
public static class AuditLeaf
{
    private static readonly byte[] Tag = Encoding.UTF8.GetBytes("payments-ledger/leaf/v1");

    public static byte[] Data(StoredEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var stream = Encoding.UTF8.GetBytes(e.StreamId.Value);
        var hash = Encoding.UTF8.GetBytes(e.Hash);
        var buffer = new byte[Tag.Length + 8 + 4 + stream.Length + 8 + 4 + 4 + hash.Length];
        var span = buffer.AsSpan();
        Tag.CopyTo(span);
        span = span[Tag.Length..];
        BinaryPrimitives.WriteInt64BigEndian(span, e.Position);
        BinaryPrimitives.WriteInt32BigEndian(span[8..], stream.Length);
        stream.CopyTo(span[12..]);
        span = span[(12 + stream.Length)..];
        BinaryPrimitives.WriteInt64BigEndian(span, e.Version);
        BinaryPrimitives.WriteInt32BigEndian(span[8..], e.HashScheme);
        BinaryPrimitives.WriteInt32BigEndian(span[12..], hash.Length);
        hash.CopyTo(span[16..]);
        return buffer;
    }

    public static byte[] Hash(StoredEvent e) => MerkleHash.Leaf(Data(e));
}
