using System.Text.Json.Serialization;

namespace Payments.Aws.Streams;

/// <summary>The Lambda event for a DynamoDB Streams trigger: a batch of records from one shard, in order.</summary>
public sealed record DynamoDbStreamsEvent
{
    [JsonPropertyName("Records")] public IReadOnlyList<DynamoDbStreamRecord>? Records { get; init; }
}
