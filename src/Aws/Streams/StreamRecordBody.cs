using System.Text.Json.Serialization;

namespace Payments.Aws.Streams;

/// <summary>The `dynamodb` member of a Streams record (AWS's StreamRecord), with AWS's exact names.</summary>
public sealed record StreamRecordBody
{
    [JsonPropertyName("ApproximateCreationDateTime")] public double? ApproximateCreationDateTime { get; init; }
    [JsonPropertyName("Keys")] public IReadOnlyDictionary<string, StreamAttributeValue>? Keys { get; init; }
    [JsonPropertyName("NewImage")] public IReadOnlyDictionary<string, StreamAttributeValue>? NewImage { get; init; }
    [JsonPropertyName("OldImage")] public IReadOnlyDictionary<string, StreamAttributeValue>? OldImage { get; init; }
    [JsonPropertyName("SequenceNumber")] public string? SequenceNumber { get; init; }
    [JsonPropertyName("SizeBytes")] public long? SizeBytes { get; init; }
    [JsonPropertyName("StreamViewType")] public string? StreamViewType { get; init; }
}
