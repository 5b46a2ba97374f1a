using System.Globalization;
using System.Text;

namespace Payments.Domain.Requests;

/// <summary>
/// Rules for a source or destination account reference (an IBAN, a wallet id, a bank account token). A reference is
/// kept in Unicode NFC, so the same reference typed as composed or decomposed characters is one account and one request
/// fingerprint; and it must look like what it is: no control, invisible formatting (zero-width, bidi overrides, BOM),
/// unassigned, private-use or broken surrogate characters, no spaces other than U+0020, none at either end.
/// </summary>
public static class AccountReference
{
    public const int MaxLength = 128;

    /// <param name="normalized">The reference in NFC when it passes; otherwise the input unchanged.</param>
    public static FieldError? Check(string field, string? value, out string? normalized)
    {
        normalized = value;
        if (string.IsNullOrWhiteSpace(value))
        {
            return new FieldError(field, "required", $"{field} is required");
        }

        // Before normalising: NFC is defined on code points, and a lone surrogate is none.
        if (FirstBrokenSurrogate(value) is { } broken)
        {
            return new FieldError(field, "invalid_unicode", $"{field} holds an unpaired UTF-16 surrogate at position {broken}; send valid Unicode text");
        }

        var nfc = Nfc.Normalize(value);
        if (nfc.Length > MaxLength)
        {
            return new FieldError(field, "too_long", $"{field} must be at most {MaxLength} characters");
        }

        if (char.IsWhiteSpace(nfc[0]) || char.IsWhiteSpace(nfc[^1]))
        {
            return new FieldError(field, "not_printable", $"{field} must be printable with no leading or trailing spaces");
        }

        var position = 0;
        foreach (var rune in nfc.EnumerateRunes())
        {
            if (Refuse(field, rune, position) is { } error)
            {
                return error;
            }

            position += rune.Utf16SequenceLength;
        }

        normalized = nfc;
        return null;
    }

    private static FieldError? Refuse(string field, Rune rune, int position)
    {
        var at = string.Create(CultureInfo.InvariantCulture, $"U+{rune.Value:X4} at position {position}");
        return Rune.GetUnicodeCategory(rune) switch
        {
            UnicodeCategory.Control or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator =>
                new FieldError(field, "not_printable", $"{field} must be printable; it holds the control character {at}"),
            UnicodeCategory.Format =>
                new FieldError(field, "invisible_character", $"{field} holds the invisible formatting character {at} (zero-width, bidi control or similar); send the reference exactly as printed"),
            UnicodeCategory.SpaceSeparator when rune.Value != ' ' =>
                new FieldError(field, "invisible_character", $"{field} holds the space character {at}; only the ASCII space U+0020 is allowed"),
            UnicodeCategory.OtherNotAssigned =>
                new FieldError(field, "unassigned_character", $"{field} holds {at}, which Unicode does not assign"),
            UnicodeCategory.PrivateUse =>
                new FieldError(field, "private_use_character", $"{field} holds the private-use character {at}"),
            _ => null,
        };
    }

    private static int? FirstBrokenSurrogate(string value)
    {
        for (var i = 0; i < value.Length; i++)
        {
            if (char.IsHighSurrogate(value[i]) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(value[i]))
            {
                return i;
            }
        }

        return null;
    }
}
