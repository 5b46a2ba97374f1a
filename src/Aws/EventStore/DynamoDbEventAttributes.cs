namespace Payments.Aws.EventStore;

/// <summary>Attribute names of stored items: a wire format shared with every Streams consumer, so they never change.</summary>
public static class DynamoDbEventAttributes
{
    public const string PaymentId = "payment_id";
    public const string Version = "version";
    /// <summary>Read when present (events written before the global sequence was dropped); never written.</summary>
    public const string Position = "position";
    public const string Type = "type";
    public const string SchemaVersion = "schema_version";
    public const string OccurredAt = "occurred_at";
    public const string Data = "data";
    public const string Metadata = "metadata";
    public const string Hash = "hash";
    /// <summary>Absent on items written before hash schemes: those are scheme 1.</summary>
    public const string HashScheme = "hash_scheme";

    public const string UniqueKey = "unique_key";
    public const string OwnerStream = "stream_id";
    public const string Fingerprint = "fingerprint";
    public const string ReservedAt = "reserved_at";

}
