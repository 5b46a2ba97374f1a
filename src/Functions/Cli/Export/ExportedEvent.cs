using System.Text.Json;
using Payments.EventStore.Contract;

namespace Payments.Functions.Cli.Export;

/// <summary>One line of `export --format ndjson`: a stored event with its data as JSON, not as a string of JSON.</summary>
internal sealed record ExportedEvent(
    long Position,
    string PaymentId,
    long Version,
    string Type,
    int SchemaVersion,
    DateTimeOffset RecordedAt,
    JsonElement Data,
    EventMetadata Metadata,
    string Hash,
    int HashScheme)
{
    public static ExportedEvent From(StoredEvent stored) => new(
        stored.Position,
        stored.StreamId.Value,
        stored.Version,
        stored.Type,
        stored.SchemaVersion,
        stored.OccurredAt,
        JsonElement.Parse(stored.Data),
        stored.Metadata,
        stored.Hash,
        stored.HashScheme);
}
