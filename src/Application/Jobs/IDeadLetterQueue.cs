namespace Payments.Application.Jobs;

/// <summary>
/// The dead letters of one queue, for an operator: read them, send one back to its queue (visible now, with its
/// receives counted afresh), or discard one that was dealt with another way.
/// </summary>
public interface IDeadLetterQueue
{
    /// <summary>The queue's name as metrics and the operator API call it (<c>payment-jobs</c>, <c>webhooks</c>).</summary>
    string QueueName { get; }

    Task<IReadOnlyList<DeadLetteredJob>> ReadDeadLetters(CancellationToken cancellationToken);

    /// <summary>Moves the dead letter back to the queue; false when there is no such dead letter (already redriven).</summary>
    Task<bool> Redrive(string messageId, CancellationToken cancellationToken);

    /// <summary>Forgets the dead letter; false when there is none.</summary>
    Task<bool> Discard(string messageId, CancellationToken cancellationToken);
}
