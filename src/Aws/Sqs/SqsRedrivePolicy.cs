using System.Text.Json.Serialization;

namespace Payments.Aws.Sqs;

/// <summary>SQS's RedrivePolicy attribute, with AWS's exact property names.</summary>
public sealed record SqsRedrivePolicy(
    [property: JsonPropertyName("deadLetterTargetArn")] string DeadLetterTargetArn,
    [property: JsonPropertyName("maxReceiveCount")] int MaxReceiveCount);
