namespace Payments.Domain.Requests;

/// <summary>A client-chosen key that makes a payment request safe to retry: 1–255 printable ASCII characters.</summary>
public readonly record struct IdempotencyKey
{
    public const int MaxLength = 255;

    private IdempotencyKey(string value) => Value = value;

    public string Value { get; }

    public static bool TryParse(string? raw, out IdempotencyKey key, out string? error)
    {
        key = default;
        error = Check(raw);
        if (error is not null)
        {
            return false;
        }

        key = new IdempotencyKey(raw!);
        return true;
    }

    public static IdempotencyKey Parse(string raw) =>
        TryParse(raw, out var key, out var error) ? key : throw new ArgumentException(error, nameof(raw));

    private static string? Check(string? raw)
    {
        if (string.IsNullOrEmpty(raw))
        {
            return "is required";
        }

        if (raw.Length > MaxLength)
        {
            return $"must be at most {MaxLength} characters";
        }

        foreach (var c in raw)
        {
            if (c < 0x21 || c > 0x7E)
            {
                return "must be printable ASCII without spaces";
            }
        }

        return null;
    }

    public override string ToString() => Value;
}
