using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Payments.EventStore.Contract;
using Payments.EventStore.Serialization;

namespace Payments.EventStore.Integrity;

/// <summary>
/// hash(n) = SHA-256(hash(n-1) ‖ fields of event n), fields length-prefixed so no two different events share an
/// encoding. Schemes 2 and 3 hash the stored text verbatim (a new metadata field or an escaping change cannot break an
/// old hash) behind a scheme tag; scheme 2 also binds the global position. See <see cref="EventHashScheme"/>.
/// </summary>
public static class EventHashChain
{
    public const string Genesis = "";

    /// <summary>Scheme 1, for events written before scheme 2 (and tests that build such histories).</summary>
    public static string ComputeCanonical(string previousHash, StreamId stream, long version, string type, int schemaVersion, DateTimeOffset occurredAt, string data, EventMetadata metadata)
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

    /// <summary>
    /// Schemes 2 and 3 over the stored text. <paramref name="position"/> is hashed under scheme 2 only.
    /// </summary>
    public static string ComputeStored(int scheme, string previousHash, long position, StreamId stream, long version, string type, int schemaVersion, string occurredAt, string data, string metadata)
    {
        if (scheme is not (EventHashScheme.StoredBytesAtPosition or EventHashScheme.StoredBytes))
        {
            throw new ArgumentOutOfRangeException(nameof(scheme), scheme, "Stored-bytes hashing is scheme 2 or 3.");
        }

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Field(hash, scheme == EventHashScheme.StoredBytesAtPosition ? "payments-ledger/event/v2" : "payments-ledger/event/v3");
        Field(hash, previousHash);
        if (scheme == EventHashScheme.StoredBytesAtPosition)
        {
            Number(hash, position);
        }

        Field(hash, stream.Value);
        Number(hash, version);
        Field(hash, type);
        Number(hash, schemaVersion);
        Field(hash, occurredAt);
        Field(hash, data);
        Field(hash, metadata);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    /// <summary>The hash <paramref name="e"/> should carry after <paramref name="previousHash"/>, under its own scheme.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The event names a scheme this code does not know.</exception>
    public static string Compute(string previousHash, StoredEvent e) => e.HashScheme switch
    {
        EventHashScheme.Canonical => ComputeCanonical(previousHash, e.StreamId, e.Version, e.Type, e.SchemaVersion, e.OccurredAt, e.Data, e.Metadata),
        _ => ComputeStored(e.HashScheme, previousHash, e.Position, e.StreamId, e.Version, e.Type, e.SchemaVersion, FormatTime(e.OccurredAt), e.Data, e.StoredMetadata ?? MetadataJson.Serialize(e.Metadata)),
    };

    /// <summary>The stored text form of a timestamp: UTC, 100 ns precision, fixed width.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static DateTimeOffset ParseTime(string text) =>
        DateTimeOffset.ParseExact(text, "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);

    /// <summary>Checks a whole stream from version 1: versions contiguous, schemes known and never older than before, every hash recomputes.</summary>
    public static HashChainVerdict Verify(IReadOnlyList<StoredEvent> stream)
    {
        var chain = new StreamChainCheck();
        for (var i = 0; i < stream.Count; i++)
        {
            if (chain.Next(stream[i]) is { } reason)
            {
                return HashChainVerdict.Broken(i + 1, reason);
            }
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

    private static void Number(IncrementalHash hash, long value)
    {
        Span<byte> bytes = stackalloc byte[8];
        BinaryPrimitives.WriteInt64BigEndian(bytes, value);
        hash.AppendData(bytes);
    }
}
