using System.Globalization;

namespace Payments.Domain.Requests;

/// <summary>
/// Reads an amount from the exact text the client sent, digit by digit, before it becomes a <see cref="decimal"/>:
/// <c>decimal</c> parsing rounds past 28 significant digits, and a payment must never be for a different amount than
/// the bytes a gateway in front of us read. Only the plain JSON number form is accepted, as a number or a string:
/// an optional '-', no leading zeros, an optional fraction; no exponent, no '+', no spaces, no NaN or Infinity.
/// </summary>
public static class AmountText
{
    public const string Field = "amount";

    /// <summary>Digits a <see cref="decimal"/> holds exactly whatever they are (its mantissa is below 2^96 ≈ 7.9e28).</summary>
    public const int MaxSignificantDigits = 28;

    /// <returns>Null and the exact amount, or the reason the text is refused.</returns>
    public static FieldError? Parse(string text, out decimal amount)
    {
        amount = 0m;
        var shapeError = CheckShape(text);
        if (shapeError is not null)
        {
            return new FieldError(Field, "not_plain_decimal", shapeError);
        }

        var unsigned = text.StartsWith('-') ? text[1..] : text;
        var point = unsigned.IndexOf('.', StringComparison.Ordinal);
        var whole = (point < 0 ? unsigned : unsigned[..point]).TrimStart('0');
        var fraction = point < 0 ? "" : unsigned[(point + 1)..].TrimEnd('0');
        var significant = (whole + fraction).TrimStart('0').Length;
        if (significant > MaxSignificantDigits)
        {
            return new FieldError(Field, "too_many_digits",
                $"amount has {significant} significant digits; at most {MaxSignificantDigits} are accepted (an amount is never rounded)");
        }

        if (fraction.Length > MaxSignificantDigits)
        {
            return new FieldError(Field, "too_precise", $"amount has {fraction.Length} decimal places; it is never rounded");
        }

        // Trailing fraction zeros are dropped first, so what decimal parses holds at most 28 digits and is exact.
        var exact = (text.StartsWith('-') ? "-" : "") + (whole.Length == 0 ? "0" : whole) + (fraction.Length == 0 ? "" : "." + fraction);
        amount = decimal.Parse(exact, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        return null;
    }

    private static string? CheckShape(string text)
    {
        const string Example = "amount must be a plain decimal such as 10.50";
        if (text.Length == 0)
        {
            return $"{Example}; it is empty";
        }

        if (text.StartsWith('+'))
        {
            return $"{Example}, without a leading '+'";
        }

        var unsigned = text.StartsWith('-') ? text[1..] : text;
        if (unsigned.Contains("nan", StringComparison.OrdinalIgnoreCase) || unsigned.Contains("inf", StringComparison.OrdinalIgnoreCase))
        {
            return $"{Example}; NaN and Infinity are not amounts";
        }

        if (unsigned.Length > 0 && char.IsAsciiDigit(unsigned[0]) && unsigned.Contains('e', StringComparison.OrdinalIgnoreCase))
        {
            return $"{Example}, without an exponent (write 1000, not 1e3)";
        }

        var point = unsigned.IndexOf('.', StringComparison.Ordinal);
        var whole = point < 0 ? unsigned : unsigned[..point];
        var fraction = point < 0 ? null : unsigned[(point + 1)..];
        if (whole.Length == 0 || !whole.All(char.IsAsciiDigit) || (fraction is not null && (fraction.Length == 0 || !fraction.All(char.IsAsciiDigit))))
        {
            return $"{Example}: digits, at most one '.', with a digit on each side";
        }

        return whole.Length > 1 && whole[0] == '0' ? $"{Example}, without leading zeros" : null;
    }
}
