using System.Text.Json;
using Payments.EventStore.Contract;

namespace Payments.EventStore.Serialization;

/// <summary>The one stored form of <see cref="EventMetadata"/>; the hash chain covers exactly these bytes.</summary>
public static class MetadataJson
{
    public static string Serialize(EventMetadata metadata) =>
        JsonSerializer.Serialize(metadata, EventStoreJsonContext.Default.EventMetadata);

    public static EventMetadata Deserialize(string json) =>
        JsonSerializer.Deserialize(json, EventStoreJsonContext.Default.EventMetadata)
        ?? throw new JsonException("Stored event metadata is JSON null.");
}
