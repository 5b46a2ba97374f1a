using System.Text.Json.Serialization;

namespace Payments.Aws.Streams;

/// <summary>
/// Partial batch response (ReportBatchItemFailures): Lambda retries from the lowest failed sequence
/// number, so one bad record never replays records already behind it.
/// </summary>
public sealed record StreamsBatchResponse
{
    [JsonPropertyName("batchItemFailures")] public IReadOnlyList<StreamsBatchItemFailure> BatchItemFailures { get; init; } = [];
}
