using System.Text.Json.Serialization;

namespace Payments.Aws.Sqs;

/// <summary>Partial batch response: only the listed messages stay in the queue; the rest are deleted.</summary>
public sealed record SqsBatchResponse([property: JsonPropertyName("batchItemFailures")] IReadOnlyList<SqsBatchItemFailure> BatchItemFailures);
