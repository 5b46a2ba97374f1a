using System.Text.Json.Serialization;
using Payments.EventStore.Contract;

namespace Payments.EventStore.Serialization;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(EventMetadata))]
internal sealed partial class EventStoreJsonContext : JsonSerializerContext;
