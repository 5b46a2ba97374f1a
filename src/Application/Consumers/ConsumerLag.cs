namespace Payments.Application.Consumers;

/// <summary>
/// How far a consumer trails the log: <see cref="Behind"/> events between its checkpoint and the head, the age of the
/// oldest of them, how many events it parked, and why it is stalled, if it is.
/// </summary>
public sealed record ConsumerLag(string Consumer, long Head, long Checkpoint, TimeSpan OldestUnprocessedAge, int Parked, string? Stalled)
{
    public long Behind => Math.Max(0, Head - Checkpoint);
}
