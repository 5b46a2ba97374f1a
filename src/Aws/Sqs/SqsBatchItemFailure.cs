using System.Text.Json.Serialization;

namespace Payments.Aws.Sqs;

public sealed record SqsBatchItemFailure([property: JsonPropertyName("itemIdentifier")] string ItemIdentifier);
