using Payments.EventStore.Contract;

namespace Payments.Aws.EventStore;

/// <summary>One caller's append, hashed and ready, waiting for the transaction that commits it.</summary>
internal sealed record DynamoDbPendingAppend(StreamId Stream, ExpectedVersion Expected, List<StoredEvent> Drafts, UniqueKeyClaim? Claim, CancellationToken CancellationToken)
{
    /// <summary>Rough item bytes besides the payload: keys, hash, metadata, attribute names.</summary>
    private const int ItemOverhead = 512;

    public TaskCompletionSource<AppendResult> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public int ItemCount => Drafts.Count + (Claim is null ? 0 : 1);

    public long ApproximateBytes => Drafts.Sum(d => (long)d.Data.Length + ItemOverhead) + (Claim is null ? 0 : Claim.Key.Length + ItemOverhead);

    /// <summary>Transactions this append was part of that were cancelled by someone else's write.</summary>
    public int Rounds { get; set; }
}
