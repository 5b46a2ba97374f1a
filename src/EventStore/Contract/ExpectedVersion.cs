namespace Payments.EventStore.Contract;

/// <summary>The version a writer believes the stream is at; 0 means the stream must not exist yet.</summary>
public readonly record struct ExpectedVersion
{
    private ExpectedVersion(long value) => Value = value;

    public long Value { get; }

    public static ExpectedVersion NoStream { get; } = new(0);

    public static ExpectedVersion At(long version) =>
        version >= 0 ? new ExpectedVersion(version) : throw new ArgumentOutOfRangeException(nameof(version), version, "Versions start at 1; 0 is NoStream.");

    public override string ToString() => Value == 0 ? "NoStream" : Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
