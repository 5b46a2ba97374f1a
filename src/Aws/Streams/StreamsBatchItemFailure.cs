using System.Text.Json.Serialization;

namespace Payments.Aws.Streams;

/// <summary>One failed record, named by its stream SequenceNumber.</summary>
public sealed record StreamsBatchItemFailure([property: JsonPropertyName("itemIdentifier")] string ItemIdentifier);
