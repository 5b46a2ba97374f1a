namespace Payments.EventStore.Contract;

/// <summary>An event as committed: immutable, ordered in its stream by version and globally by position.</summary>
public sealed record StoredEvent(
    StreamId StreamId,
    long Version,
    long Position,
    string Type,
    int SchemaVersion,
    DateTimeOffset OccurredAt,
    string Data,
    EventMetadata Metadata,
    string Hash);
