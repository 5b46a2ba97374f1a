namespace Payments.Application.Jobs;

/// <summary>
/// The dead-letter side of a job queue as the reaper sees it: jobs the queue gave up on, each settled once.
/// The embedded queue implements it; in the cloud the DLQ is read by its own consumer.
/// </summary>
public interface IDeadLetterInbox
{
    /// <summary>Completes the next time a job is dead-lettered; take it before reading, so none is missed.</summary>
    Task NextDeadLetter { get; }

    /// <summary>Dead letters whose payment has not yet been settled.</summary>
    Task<IReadOnlyList<DeadLetteredJob>> ReadUnsettledDeadLetters(CancellationToken cancellationToken);

    Task MarkDeadLetterSettled(string messageId, CancellationToken cancellationToken);
}
