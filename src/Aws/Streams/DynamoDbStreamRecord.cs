using System.Text.Json.Serialization;

namespace Payments.Aws.Streams;

/// <summary>One record of a DynamoDB Streams event as Lambda delivers it.</summary>
public sealed record DynamoDbStreamRecord
{
    public const string Insert = "INSERT";
    public const string Modify = "MODIFY";
    public const string Remove = "REMOVE";

    [JsonPropertyName("eventID")] public string? EventId { get; init; }
    [JsonPropertyName("eventName")] public string? EventName { get; init; }
    [JsonPropertyName("eventVersion")] public string? EventVersion { get; init; }
    [JsonPropertyName("eventSource")] public string? EventSource { get; init; }
    [JsonPropertyName("awsRegion")] public string? AwsRegion { get; init; }
    [JsonPropertyName("dynamodb")] public StreamRecordBody? Dynamodb { get; init; }
    [JsonPropertyName("eventSourceARN")] public string? EventSourceArn { get; init; }
}
