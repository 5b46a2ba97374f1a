namespace Payments.EventStore.Contract;

/// <summary>Another writer appended to the stream first; nothing of this append was written.</summary>
public sealed class WrongExpectedVersionException : Exception
{
    public WrongExpectedVersionException(StreamId stream, ExpectedVersion expected, long? actual)
        : base($"Stream {stream} was expected at version {expected} but is at {actual?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "an unknown version"}.")
    {
        Stream = stream;
        Expected = expected;
        Actual = actual;
    }

    public WrongExpectedVersionException()
    {
    }

    public WrongExpectedVersionException(string message)
        : base(message)
    {
    }

    public WrongExpectedVersionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public StreamId Stream { get; }

    public ExpectedVersion Expected { get; }

    /// <summary>The version found, when the backend reports it.</summary>
    public long? Actual { get; }
}
