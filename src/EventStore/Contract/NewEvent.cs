namespace Payments.EventStore.Contract;

/// <summary>An event to append: the store adds version, position, time and hash.</summary>
public sealed record NewEvent(string Type, int SchemaVersion, string Data, EventMetadata Metadata);
