using System.Text.Json.Serialization;

namespace Payments.Aws.Sqs;

/// <summary>One SQS message in a Lambda event.</summary>
public sealed record SqsMessageRecord(
    [property: JsonPropertyName("messageId")] string? MessageId,
    [property: JsonPropertyName("receiptHandle")] string? ReceiptHandle,
    [property: JsonPropertyName("body")] string? Body,
    [property: JsonPropertyName("attributes")] SqsRecordAttributes? Attributes,
    [property: JsonPropertyName("messageAttributes")] IReadOnlyDictionary<string, SqsMessageAttribute>? MessageAttributes,
    [property: JsonPropertyName("md5OfBody")] string? Md5OfBody,
    [property: JsonPropertyName("eventSource")] string? EventSource,
    [property: JsonPropertyName("eventSourceARN")] string? EventSourceArn,
    [property: JsonPropertyName("awsRegion")] string? AwsRegion);
