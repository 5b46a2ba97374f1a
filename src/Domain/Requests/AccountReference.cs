namespace Payments.Domain.Requests;

/// <summary>Rules for a source or destination account reference (an IBAN, a wallet id, a bank account token).</summary>
public static class AccountReference
{
    public const int MaxLength = 128;

    public static FieldError? Check(string field, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return new FieldError(field, "required", $"{field} is required");
        }

        if (value.Length > MaxLength)
        {
            return new FieldError(field, "too_long", $"{field} must be at most {MaxLength} characters");
        }

        if (value.Any(char.IsControl) || value.Trim().Length != value.Length)
        {
            return new FieldError(field, "not_printable", $"{field} must be printable with no leading or trailing spaces");
        }

        return null;
    }
}
