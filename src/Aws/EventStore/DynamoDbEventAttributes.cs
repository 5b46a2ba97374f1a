namespace Payments.Aws.EventStore;

/// <summary>Attribute names of stored items: a wire format shared with every Streams consumer, so they never change.</summary>
public static class DynamoDbEventAttributes
{
    public const string PaymentId = "payment_id";
    public const string Version = "version";
    public const string Position = "position";
    public const string LogPage = "log_page";
    public const string Type = "type";
    public const string SchemaVersion = "schema_version";
    public const string OccurredAt = "occurred_at";
    public const string Data = "data";
    public const string Metadata = "metadata";
    public const string Hash = "hash";

    public const string UniqueKey = "unique_key";
    public const string OwnerStream = "stream_id";
    public const string Fingerprint = "fingerprint";
    public const string ReservedAt = "reserved_at";

    public const string SequenceName = "name";
    public const string SequenceValue = "value";

    /// <summary>GSI over (log_page, position): reads the global log in order, one page partition at a time.</summary>
    public const string ByPositionIndex = "by_position";

    /// <summary>Positions per GSI partition: bounds the write rate any one index partition takes.</summary>
    public const long PositionsPerLogPage = 1000;
}
