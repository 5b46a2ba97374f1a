namespace Payments.EventStore.Contract;

/// <summary>
/// An event as committed: immutable, ordered in its stream by version and globally by position.
/// <paramref name="HashScheme"/> names the rules that produced <paramref name="Hash"/>; <paramref name="StoredMetadata"/>
/// is the metadata exactly as stored (the bytes newer schemes hash), null only for events built in memory under scheme 1.
/// </summary>
public sealed record StoredEvent(
    StreamId StreamId,
    long Version,
    long Position,
    string Type,
    int SchemaVersion,
    DateTimeOffset OccurredAt,
    string Data,
    EventMetadata Metadata,
    string Hash,
    int HashScheme = 1,
    string? StoredMetadata = null);
