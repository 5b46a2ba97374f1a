using System.Text.Json.Serialization;
using Payments.Aws.Streams;

namespace Payments.TestServices;

internal sealed record DescribeStreamRequest([property: JsonPropertyName("StreamArn")] string StreamArn);

internal sealed record DescribeStreamResponse([property: JsonPropertyName("StreamDescription")] StreamDescription StreamDescription);

internal sealed record StreamDescription([property: JsonPropertyName("Shards")] IReadOnlyList<Shard> Shards);

internal sealed record Shard([property: JsonPropertyName("ShardId")] string ShardId);

internal sealed record GetShardIteratorRequest(
    [property: JsonPropertyName("StreamArn")] string StreamArn,
    [property: JsonPropertyName("ShardId")] string ShardId,
    [property: JsonPropertyName("ShardIteratorType")] string ShardIteratorType);

internal sealed record GetShardIteratorResponse([property: JsonPropertyName("ShardIterator")] string? ShardIterator);

internal sealed record GetRecordsRequest([property: JsonPropertyName("ShardIterator")] string ShardIterator, [property: JsonPropertyName("Limit")] int Limit);

internal sealed record GetRecordsResponse(
    [property: JsonPropertyName("Records")] IReadOnlyList<DynamoDbStreamRecord>? Records,
    [property: JsonPropertyName("NextShardIterator")] string? NextShardIterator);

[JsonSerializable(typeof(DescribeStreamRequest))]
[JsonSerializable(typeof(DescribeStreamResponse))]
[JsonSerializable(typeof(GetShardIteratorRequest))]
[JsonSerializable(typeof(GetShardIteratorResponse))]
[JsonSerializable(typeof(GetRecordsRequest))]
[JsonSerializable(typeof(GetRecordsResponse))]
internal sealed partial class StreamsApiJsonContext : JsonSerializerContext;
