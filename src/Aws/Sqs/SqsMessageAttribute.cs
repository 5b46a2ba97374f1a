using System.Text.Json.Serialization;

namespace Payments.Aws.Sqs;

/// <summary>A user-defined message attribute as Lambda renders it.</summary>
public sealed record SqsMessageAttribute(
    [property: JsonPropertyName("dataType")] string? DataType,
    [property: JsonPropertyName("stringValue")] string? StringValue,
    [property: JsonPropertyName("binaryValue")] string? BinaryValue,
    [property: JsonPropertyName("stringListValues")] IReadOnlyList<string>? StringListValues,
    [property: JsonPropertyName("binaryListValues")] IReadOnlyList<string>? BinaryListValues);
