namespace Payments.EventStore.Contract;

/// <summary>Lets an in-process tailer sleep until something is committed past a position, instead of polling.</summary>
public interface IAppendNotifier
{
    long LastCommittedPosition { get; }

    /// <summary>Completes once an event with position &gt; <paramref name="position"/> is committed.</summary>
    Task WaitForCommitAfter(long position, CancellationToken cancellationToken);
}
