using System.Text.Json.Serialization;

namespace Payments.Aws.Sqs;

/// <summary>The event Lambda's SQS event source mapping delivers, with AWS's exact property names.</summary>
public sealed record SqsEvent([property: JsonPropertyName("Records")] IReadOnlyList<SqsMessageRecord>? Records);
