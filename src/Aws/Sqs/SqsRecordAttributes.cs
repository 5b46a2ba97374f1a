using System.Text.Json.Serialization;

namespace Payments.Aws.Sqs;

/// <summary>SQS system attributes of a record; Lambda sends every value as a string.</summary>
public sealed record SqsRecordAttributes(
    [property: JsonPropertyName("ApproximateReceiveCount")] string? ApproximateReceiveCount,
    [property: JsonPropertyName("SentTimestamp")] string? SentTimestamp,
    [property: JsonPropertyName("SenderId")] string? SenderId,
    [property: JsonPropertyName("ApproximateFirstReceiveTimestamp")] string? ApproximateFirstReceiveTimestamp,
    [property: JsonPropertyName("AWSTraceHeader")] string? AwsTraceHeader);
