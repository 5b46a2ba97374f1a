using System.Globalization;
using System.Net;
using System.Text.Json;

namespace Payments.Application.Webhooks.Routing;

/// <summary>
/// One alternative of an event-pattern leaf, tested against one scalar of the event (a string, number, true, false or
/// null; arrays are already spread into their elements). The string operators never accept a non-string, and
/// <see cref="Not"/> (anything-but) therefore accepts every value its inner operator cannot, numbers included.
/// </summary>
internal abstract record ValueMatcher
{
    /// <summary>EventBridge's numeric range: comparisons outside it are refused in patterns and never match in events.</summary>
    public const decimal NumericLimit = 5_000_000_000m;

    private ValueMatcher()
    {
    }

    public abstract bool Accepts(JsonElement value);

    /// <summary>A literal: strings, true, false and null by kind and text; numbers by value (300 equals 3.0e2).</summary>
    public sealed record Literal(JsonValueKind Kind, string Text) : ValueMatcher
    {
        public override bool Accepts(JsonElement value) => value.ValueKind == Kind && Kind switch
        {
            JsonValueKind.String => string.Equals(value.GetString(), Text, StringComparison.Ordinal),
            JsonValueKind.Number => NumbersEqual(value.GetRawText(), Text),
            _ => true,
        };

        private static bool NumbersEqual(string left, string right) =>
            TryNumber(left, out var a) && TryNumber(right, out var b) ? a == b : string.Equals(left, right, StringComparison.Ordinal);
    }

    public sealed record Prefix(string Text, bool IgnoreCase) : ValueMatcher
    {
        public override bool Accepts(JsonElement value) =>
            value.ValueKind == JsonValueKind.String && value.GetString()!.StartsWith(Text, Comparison(IgnoreCase));
    }

    public sealed record Suffix(string Text, bool IgnoreCase) : ValueMatcher
    {
        public override bool Accepts(JsonElement value) =>
            value.ValueKind == JsonValueKind.String && value.GetString()!.EndsWith(Text, Comparison(IgnoreCase));
    }

    public sealed record EqualsIgnoreCase(string Text) : ValueMatcher
    {
        public override bool Accepts(JsonElement value) =>
            value.ValueKind == JsonValueKind.String && string.Equals(value.GetString(), Text, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary><c>*</c> stands for any run of characters; the parser has already split the text at its unescaped stars.</summary>
    public sealed record Wildcard(IReadOnlyList<string> Pieces) : ValueMatcher
    {
        public override bool Accepts(JsonElement value) => value.ValueKind == JsonValueKind.String && Fits(value.GetString()!);

        private bool Fits(string text)
        {
            if (Pieces.Count == 1)
            {
                return string.Equals(text, Pieces[0], StringComparison.Ordinal);
            }

            var first = Pieces[0];
            var last = Pieces[^1];
            if (text.Length < first.Length + last.Length || !text.StartsWith(first, StringComparison.Ordinal) || !text.EndsWith(last, StringComparison.Ordinal))
            {
                return false;
            }

            // Leftmost placement of each middle piece leaves the most room for the rest, so it never misses a fit.
            var at = first.Length;
            var end = text.Length - last.Length;
            foreach (var piece in Pieces.Skip(1).Take(Pieces.Count - 2))
            {
                var found = text.IndexOf(piece, at, end - at, StringComparison.Ordinal);
                if (found < 0)
                {
                    return false;
                }

                at = found + piece.Length;
            }

            return true;
        }
    }

    /// <summary>A numeric range; a bound of null is open-ended. Equality is a range whose bounds are both the value, closed.</summary>
    public sealed record Numeric(decimal? Lower, bool LowerOpen, decimal? Upper, bool UpperOpen) : ValueMatcher
    {
        public override bool Accepts(JsonElement value) =>
            value.ValueKind == JsonValueKind.Number
            && TryNumber(value.GetRawText(), out var number)
            && Math.Abs(number) <= NumericLimit
            && (Lower is not { } lower || (LowerOpen ? number > lower : number >= lower))
            && (Upper is not { } upper || (UpperOpen ? number < upper : number <= upper));
    }

    /// <summary>An IPv4 or IPv6 network; the event's value must be an address literal of the same family inside it.</summary>
    public sealed record Cidr(IPNetwork Network) : ValueMatcher
    {
        public override bool Accepts(JsonElement value) =>
            value.ValueKind == JsonValueKind.String
            && AddressLiteral.TryParse(value.GetString()!, out var address)
            && address.AddressFamily == Network.BaseAddress.AddressFamily
            && Network.Contains(address);
    }

    /// <summary><c>exists: true</c>: any value at all, null included.</summary>
    public sealed record Present : ValueMatcher
    {
        public override bool Accepts(JsonElement value) => true;
    }

    public sealed record AnyOf(IReadOnlyList<ValueMatcher> Alternatives) : ValueMatcher
    {
        public override bool Accepts(JsonElement value) => Alternatives.Any(a => a.Accepts(value));
    }

    /// <summary>anything-but: every value the inner matcher refuses (an absent field is no value, so it never matches).</summary>
    public sealed record Not(ValueMatcher Inner) : ValueMatcher
    {
        public override bool Accepts(JsonElement value) => !Inner.Accepts(value);
    }

    public static bool TryNumber(string json, out decimal number) =>
        decimal.TryParse(json, NumberStyles.Float, CultureInfo.InvariantCulture, out number);

    private static StringComparison Comparison(bool ignoreCase) => ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
}
