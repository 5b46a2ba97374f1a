using System.Text.Json.Serialization;

namespace Payments.Functions.Lambda.Sqs;

public sealed record SqsBatchItemFailure([property: JsonPropertyName("itemIdentifier")] string ItemIdentifier);
