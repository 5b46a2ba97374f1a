using Payments.EventStore.Contract;

namespace Payments.Projections.Tests.Support;

/// <summary>An event reader over fixed streams: what the projector refolds from when it heals a gap.</summary>
public sealed class InMemoryEventLog(IEnumerable<IReadOnlyList<StoredEvent>> streams) : IEventReader
{
    private readonly Dictionary<StreamId, IReadOnlyList<StoredEvent>> _streams = streams.Where(s => s.Count > 0).ToDictionary(s => s[0].StreamId);

    public Task<IReadOnlyList<StoredEvent>> ReadStream(StreamId stream, long fromVersion = 1, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<StoredEvent>>(_streams.TryGetValue(stream, out var events) ? events.Where(e => e.Version >= fromVersion).ToList() : []);

    public Task<AppendResult.UniqueKeyTaken?> FindKeyOwner(string key, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The projector never looks up keys.");
}
