using System.Collections.Concurrent;
using Payments.Application.Consumers;

namespace Payments.Application.Tests.Consumers;

/// <summary>
/// Checkpoints and parked events in memory. One instance outlives the subscriptions built over it, as the file does
/// a process. Every <see cref="Park"/> is kept, even a second one for the same position, so parking twice shows.
/// </summary>
public sealed class InMemoryConsumerStore : ICheckpointStore, IParkedEventStore
{
    private readonly ConcurrentDictionary<string, long> _checkpoints = new(StringComparer.Ordinal);
    private readonly List<ParkedEvent> _parked = [];
    private readonly Lock _lock = new();

    public Task<long> Load(string consumer, CancellationToken cancellationToken) => Task.FromResult(_checkpoints.GetValueOrDefault(consumer));

    public Task Save(string consumer, long position, CancellationToken cancellationToken)
    {
        _checkpoints[consumer] = position;
        return Task.CompletedTask;
    }

    public Task Park(ParkedEvent parked, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _parked.Add(parked);
        }

        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<ParkedEvent>> List(string consumer, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            IReadOnlyList<ParkedEvent> parked = [.. _parked.Where(p => p.Consumer == consumer).OrderBy(p => p.Position)];
            return Task.FromResult(parked);
        }
    }

    public Task Release(string consumer, long position, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            _parked.RemoveAll(p => p.Consumer == consumer && p.Position == position);
        }

        return Task.CompletedTask;
    }
}
