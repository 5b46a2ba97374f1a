using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Payments.Functions.Api.Contracts;

/// <summary>
/// Reads an amount given as a JSON number (10.50) or a decimal string ("10.50") straight from its
/// text into <see cref="decimal"/>, never through a double. Exponents and out-of-range values are refused.
/// </summary>
public sealed class ExactDecimalConverter : JsonConverter<decimal?>
{
    private const NumberStyles Plain = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;

    public override bool HandleNull => true;

    public override decimal? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.Number or JsonTokenType.String => Parse(reader.TokenType == JsonTokenType.String ? reader.GetString()! : RawText(ref reader)),
        _ => throw new JsonException("amount must be a number or a decimal string"),
    };

    public override void Write(Utf8JsonWriter writer, decimal? value, JsonSerializerOptions options)
    {
        if (value is { } amount)
        {
            writer.WriteStringValue(amount.ToString(CultureInfo.InvariantCulture));
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    private static string RawText(ref Utf8JsonReader reader) =>
        System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan);

    private static decimal Parse(string text) =>
        text.Length <= 40 && decimal.TryParse(text, Plain, CultureInfo.InvariantCulture, out var amount)
            ? amount
            : throw new JsonException("amount must be a plain decimal (no exponent) within range");
}
