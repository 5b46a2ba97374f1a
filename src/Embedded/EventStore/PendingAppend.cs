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
}
