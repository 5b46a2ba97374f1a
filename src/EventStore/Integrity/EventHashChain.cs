using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Payments.EventStore.Contract;
using Payments.EventStore.Serialization;

namespace Payments.EventStore.Integrity;

/// <summary>
/// hash(n) = SHA-256(hash(n-1) ‖ canonical(event n)). Every field an auditor relies on is in the
/// canonical bytes, length-prefixed so no two different events share an encoding. The global
/// position is left out: it is where the store put the event, not what happened.
/// </summary>
public static class EventHashChain
{
    public const string Genesis = "";

    public static string Compute(string previousHash, StreamId stream, long version, string type, int schemaVersion, DateTimeOffset occurredAt, string data, EventMetadata metadata)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Field(hash, previousHash);
        Field(hash, stream.Value);
        Field(hash, version.ToString(CultureInfo.InvariantCulture));
        Field(hash, type);
        Field(hash, schemaVersion.ToString(CultureInfo.InvariantCulture));
        Field(hash, FormatTime(occurredAt));
        Field(hash, data);
        Field(hash, MetadataJson.Serialize(metadata));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public static string Compute(string previousHash, StoredEvent e) =>
        Compute(previousHash, e.StreamId, e.Version, e.Type, e.SchemaVersion, e.OccurredAt, e.Data, e.Metadata);

    /// <summary>The stored text form of a timestamp: UTC, 100 ns precision, fixed width.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.ParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    /// <summary>Checks a whole stream from version 1: versions contiguous and every hash recomputes.</summary>
    public static HashChainVerdict Verify(IReadOnlyList<StoredEvent> stream)
    {
        var previous = Genesis;
        for (var i = 0; i < stream.Count; i++)
        {
            var e = stream[i];
            if (e.Version != i + 1)
            {
                return HashChainVerdict.Broken(i + 1, $"expected version {i + 1}, found {e.Version}");
            }

            if (i > 0 && e.StreamId != stream[0].StreamId)
            {
                return HashChainVerdict.Broken(e.Version, "event belongs to another stream");
            }

            var expected = Compute(previous, e);
            if (!string.Equals(expected, e.Hash, StringComparison.Ordinal))
            {
                return HashChainVerdict.Broken(e.Version, "hash does not match the event's content and its predecessor");
            }

            previous = e.Hash;
        }

        return HashChainVerdict.Intact(stream.Count);
    }

    private static void Field(IncrementalHash hash, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        Span<byte> length = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(length, bytes.Length);
        hash.AppendData(length);
        hash.AppendData(bytes);
    }
}
