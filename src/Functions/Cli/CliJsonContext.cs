using System.Text.Json.Serialization;
using Payments.Functions.Cli.Export;
using Payments.Functions.Cli.Replay;

namespace Payments.Functions.Cli;

/// <summary>What the CLI prints for tools: snake_case like the API, nulls written so every document has every field.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ReplayDocument))]
[JsonSerializable(typeof(ExportedEvent))]
internal sealed partial class CliJsonContext : JsonSerializerContext;
