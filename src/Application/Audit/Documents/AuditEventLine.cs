using Payments.EventStore.Contract;
using Payments.EventStore.Integrity;
using Payments.EventStore.Serialization;

namespace Payments.Application.Audit.Documents;

/// <summary>
/// One event as an audit bundle carries it: the stored text verbatim (data and metadata as strings, never re-encoded,
/// because the hash covers those bytes), the predecessor's hash so its chain link checks offline, and its inclusion
/// proof against the bundle's checkpoint (null for an event the checkpoint does not cover yet).
/// </summary>
public sealed record AuditEventLine(
    long Position,
    string StreamId,
    long Version,
    string Type,
    int SchemaVersion,
    string RecordedAt,
    string Data,
    string Metadata,
    string Hash,
    int HashScheme,
    string PreviousHash,
    IReadOnlyList<byte[]>? InclusionProof)
{
    public StoredEvent ToStoredEvent() => new(
        new StreamId(StreamId),
        Version,
        Position,
        Type,
        SchemaVersion,
        EventHashChain.ParseTime(RecordedAt),
        Data,
        MetadataJson.Deserialize(Metadata),
        Hash,
        HashScheme,
        Metadata);

    public static AuditEventLine From(StoredEvent e, long position, string previousHash, IReadOnlyList<byte[]>? inclusionProof)
    {
        ArgumentNullException.ThrowIfNull(e);
        return new(
            position, e.StreamId.Value, e.Version, e.Type, e.SchemaVersion, EventHashChain.FormatTime(e.OccurredAt), e.Data,
            e.StoredMetadata ?? MetadataJson.Serialize(e.Metadata), e.Hash, e.HashScheme, previousHash, inclusionProof);
    }
}
