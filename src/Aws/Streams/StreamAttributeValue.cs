using System.Text.Json.Serialization;

namespace Payments.Aws.Streams;

/// <summary>DynamoDB's AttributeValue JSON as Streams and Lambda carry it: exactly one member is set.</summary>
public sealed record StreamAttributeValue
{
    [JsonPropertyName("S")] public string? S { get; init; }
    [JsonPropertyName("N")] public string? N { get; init; }
    [JsonPropertyName("B")] public string? B { get; init; }
    [JsonPropertyName("SS")] public IReadOnlyList<string>? SS { get; init; }
    [JsonPropertyName("NS")] public IReadOnlyList<string>? NS { get; init; }
    [JsonPropertyName("BS")] public IReadOnlyList<string>? BS { get; init; }
    [JsonPropertyName("M")] public IReadOnlyDictionary<string, StreamAttributeValue>? M { get; init; }
    [JsonPropertyName("L")] public IReadOnlyList<StreamAttributeValue>? L { get; init; }
    [JsonPropertyName("NULL")] public bool? Null { get; init; }
    [JsonPropertyName("BOOL")] public bool? Bool { get; init; }
}
