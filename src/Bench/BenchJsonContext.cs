using System.Text.Json.Serialization;

namespace Payments.Bench;

/// <summary>The bench's JSON: its reports (--out) and the autocannon driver's config and result, snake_case like the API.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(LoadDriverConfig))]
[JsonSerializable(typeof(LoadRun))]
[JsonSerializable(typeof(ApiReport))]
[JsonSerializable(typeof(PipelineReport))]
[JsonSerializable(typeof(ProjectorReport))]
[JsonSerializable(typeof(AppendReport))]
[JsonSerializable(typeof(AllReport))]
internal sealed partial class BenchJsonContext : JsonSerializerContext;
