using Payments.EventStore.Contract;

namespace Payments.Application.Tests.Consumers;

/// <summary>
/// The ordered log a subscription tails, in memory: positions 1..N without gaps, as the embedded store assigns them.
/// Reads complete synchronously, so on a fake clock a test knows the subscription has done everything it can do
/// before the next tick once the call that drives it returns.
/// </summary>
public sealed class InMemoryEventLog : IEventLog
{
    private static readonly EventMetadata Metadata = new("consumer-tests", null, "test");

    private readonly List<StoredEvent> _events = [];
    private readonly Lock _lock = new();

    public InMemoryEventLog(int count, DateTimeOffset occurredAt)
    {
        for (var i = 0; i < count; i++)
        {
            Append(occurredAt);
        }
    }

    /// <summary>The last committed position.</summary>
    public long Head
    {
        get
        {
            lock (_lock)
            {
                return _events.Count;
            }
        }
    }

    public StoredEvent At(long position)
    {
        lock (_lock)
        {
            return _events[(int)position - 1];
        }
    }

    public StoredEvent Append(DateTimeOffset occurredAt)
    {
        lock (_lock)
        {
            var position = _events.Count + 1L;

            // A few interleaved streams, so a parked event's stream and version are not just its position again.
            var stream = new StreamId($"payment-{position % 3}");
            var version = _events.Count(e => e.StreamId == stream) + 1L;
            var stored = new StoredEvent(stream, version, position, "PaymentTested", 1, occurredAt, $$"""{"n":{{position}}}""", Metadata, $"hash-{position}");
            _events.Add(stored);
            return stored;
        }
    }

    public Task<IReadOnlyList<StoredEvent>> ReadAll(long afterPosition, int limit, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            IReadOnlyList<StoredEvent> page = [.. _events.Skip((int)Math.Min(afterPosition, _events.Count)).Take(limit)];
            return Task.FromResult(page);
        }
    }

    public Task<IReadOnlyList<StoredEvent>> ReadStream(StreamId stream, long fromVersion = 1, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Subscriptions read the whole log, never one stream.");

    public Task<AppendResult.UniqueKeyTaken?> FindKeyOwner(string key, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("Subscriptions never look up reserved keys.");
}
