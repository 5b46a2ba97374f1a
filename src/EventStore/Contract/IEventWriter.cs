namespace Payments.EventStore.Contract;

public interface IEventWriter
{
    /// <summary>
    /// Appends all events or none. Throws <see cref="WrongExpectedVersionException"/> when the stream is
    /// not at <paramref name="expected"/>. <paramref name="claim"/> is only allowed with
    /// <see cref="ExpectedVersion.NoStream"/>: the key is reserved in the same atomic write.
    /// </summary>
    Task<AppendResult> Append(
        StreamId stream,
        ExpectedVersion expected,
        IReadOnlyList<NewEvent> events,
        UniqueKeyClaim? claim = null,
        CancellationToken cancellationToken = default);
}
