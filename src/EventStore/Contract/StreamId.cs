namespace Payments.EventStore.Contract;

/// <summary>Identity of one event stream; validates itself so no backend sees an empty or unprintable id.</summary>
public readonly record struct StreamId
{
    public const int MaxLength = 200;

    public StreamId(string value)
    {
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength || value.Any(c => c < 0x21 || c > 0x7E))
        {
            throw new ArgumentException($"Stream id must be 1–{MaxLength} printable ASCII characters.", nameof(value));
        }

        Value = value;
    }

    public string Value { get; }

    public static StreamId For(Guid id) => new(id.ToString("D"));

    public override string ToString() => Value;
}
