using System.Text.Json;
using System.Text.Json.Serialization;

namespace Payments.Aws.Streams;

/// <summary>Source-generated JSON for the Streams trigger; names come from [JsonPropertyName] (AWS's spelling).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(DynamoDbStreamsEvent))]
[JsonSerializable(typeof(DynamoDbStreamRecord))]
[JsonSerializable(typeof(StreamsBatchResponse))]
[JsonSerializable(typeof(JsonElement))]
public sealed partial class StreamsJsonContext : JsonSerializerContext;
