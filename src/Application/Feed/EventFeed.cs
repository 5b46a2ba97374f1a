using Payments.EventStore.Contract;

namespace Payments.Application.Feed;

/// <summary>
/// The ordered feed for finance: events of every payment in global position order, resumable after any position.
/// Built on <see cref="IEventLog"/>, whose positions are gap-free in commit order, so a reader resuming after the last
/// position it saw never misses an event appended concurrently nor sees one twice.
/// </summary>
public sealed class EventFeed(IEventLog log, PaymentOwners owners)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    /// <summary>How many events a client's read looks at per round trip to the log while it skips other clients' events.</summary>
    private const int ScanBatch = 1000;

    /// <summary>
    /// Up to <paramref name="limit"/> events after <paramref name="afterPosition"/> within <paramref name="scope"/>. A
    /// client's page skips other clients' events but keeps reading until it is full or the log ends, so a short page
    /// always means the reader is at the head.
    /// </summary>
    public Task<FeedPage> Read(FeedScope scope, long afterPosition, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentOutOfRangeException.ThrowIfNegative(afterPosition);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(limit, MaxLimit);
        return scope.ClientId is { } clientId ? OneClient(clientId, afterPosition, limit, cancellationToken) : Everything(afterPosition, limit, cancellationToken);
    }

    private async Task<FeedPage> Everything(long afterPosition, int limit, CancellationToken cancellationToken)
    {
        var events = await log.ReadAll(afterPosition, limit, cancellationToken).ConfigureAwait(false);
        return new FeedPage(events, events.Count > 0 ? events[^1].Position : afterPosition);
    }

    private async Task<FeedPage> OneClient(string clientId, long afterPosition, int limit, CancellationToken cancellationToken)
    {
        var own = new List<StoredEvent>();
        var looked = afterPosition;
        while (true)
        {
            var batch = await log.ReadAll(looked, ScanBatch, cancellationToken).ConfigureAwait(false);
            foreach (var stored in batch)
            {
                looked = stored.Position;
                if (string.Equals(await owners.OwnerOf(stored, cancellationToken).ConfigureAwait(false), clientId, StringComparison.Ordinal))
                {
                    own.Add(stored);
                    if (own.Count == limit)
                    {
                        return new FeedPage(own, looked);
                    }
                }
            }

            if (batch.Count < ScanBatch)
            {
                return new FeedPage(own, looked);
            }
        }
    }
}
