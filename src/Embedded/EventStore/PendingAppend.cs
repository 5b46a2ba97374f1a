using Payments.EventStore.Contract;

namespace Payments.Embedded.EventStore;

/// <summary>One caller's append waiting for the group commit that makes it durable.</summary>
internal sealed record PendingAppend(
    StreamId Stream,
    ExpectedVersion Expected,
    IReadOnlyList<NewEvent> Events,
    UniqueKeyClaim? Claim,
    CancellationToken CancellationToken)
{
    public TaskCompletionSource<AppendResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Events in the group commit that carried this append, set by the writer before it completes the append.</summary>
    public int CommittedWith { get; set; }
}
