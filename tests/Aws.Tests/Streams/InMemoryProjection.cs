using System.Collections.Concurrent;
using Payments.EventStore.Contract;
using Payments.Projections.Projector;
using Payments.Projections.ReadModel;

namespace Payments.Aws.Tests.Streams;

/// <summary>A read model and an event log in memory, for handler tests that need no DynamoDB.</summary>
internal sealed class InMemoryProjection : IPaymentProjectionStore, IPaymentProjectionWriter, IEventReader
{
    private readonly ConcurrentDictionary<Guid, PaymentRecord> _rows = new();
    private readonly Dictionary<StreamId, List<StoredEvent>> _streams = [];

    public IReadOnlyDictionary<Guid, PaymentRecord> Rows => _rows;

    public void Add(IEnumerable<StoredEvent> events)
    {
        foreach (var e in events)
        {
            (_streams.TryGetValue(e.StreamId, out var s) ? s : _streams[e.StreamId] = []).Add(e);
        }
    }

    public Task<IPaymentProjectionBatch> Begin(CancellationToken cancellationToken) => Task.FromResult<IPaymentProjectionBatch>(new UnbatchedProjection(this));

    public Task<PaymentRecord?> Load(Guid paymentId, CancellationToken cancellationToken) =>
        Task.FromResult(_rows.TryGetValue(paymentId, out var row) ? row : null);

    public Task<bool> Save(PaymentRecord record, long expectedVersion, CancellationToken cancellationToken)
    {
        lock (_rows)
        {
            if ((_rows.TryGetValue(record.PaymentId, out var row) ? row.Version : 0) != expectedVersion)
            {
                return Task.FromResult(false);
            }

            _rows[record.PaymentId] = record;
            return Task.FromResult(true);
        }
    }

    public Task<IReadOnlyList<StoredEvent>> ReadStream(StreamId stream, long fromVersion = 1, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<StoredEvent>>(_streams.TryGetValue(stream, out var s) ? s.Where(e => e.Version >= fromVersion).ToList() : []);

    public Task<AppendResult.UniqueKeyTaken?> FindKeyOwner(string key, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException();
}
