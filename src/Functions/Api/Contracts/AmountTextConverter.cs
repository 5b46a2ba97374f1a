using System.Text.Json;
using System.Text.Json.Serialization;

namespace Payments.Functions.Api.Contracts;

/// <summary>
/// Keeps an amount given as a JSON number (10.50) or a decimal string ("10.50") as the exact text the client sent,
/// never a double or a decimal: <see cref="Domain.Requests.AmountText"/> checks its digits before anything can round it.
/// </summary>
public sealed class AmountTextConverter : JsonConverter<string?>
{
    public override bool HandleNull => true;

    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => reader.GetString(),
        // A number token has no escapes, so its raw bytes are its text.
        JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan),
        _ => throw new JsonException("amount must be a number or a decimal string"),
    };

    public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        if (value is null)
        {
            writer.WriteNullValue();
        }
        else
        {
            writer.WriteStringValue(value);
        }
    }
}
