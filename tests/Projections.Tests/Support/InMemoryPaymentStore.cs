using System.Collections.Concurrent;
using Payments.Projections.Projector;
using Payments.Projections.ReadModel;

namespace Payments.Projections.Tests.Support;

/// <summary>A read model fake with the same conditional-write rule as the real ones.</summary>
public sealed class InMemoryPaymentStore : IPaymentProjectionStore
{
    private readonly ConcurrentDictionary<Guid, PaymentRecord> _rows = new();

    public IReadOnlyDictionary<Guid, PaymentRecord> Rows => _rows;

    public Task<PaymentRecord?> Load(Guid paymentId, CancellationToken cancellationToken) =>
        Task.FromResult(_rows.TryGetValue(paymentId, out var row) ? row : null);

    public Task<bool> Save(PaymentRecord record, long expectedVersion, CancellationToken cancellationToken)
    {
        lock (_rows)
        {
            var current = _rows.TryGetValue(record.PaymentId, out var row) ? row.Version : 0;
            if (current != expectedVersion)
            {
                return Task.FromResult(false);
            }

            _rows[record.PaymentId] = record;
            return Task.FromResult(true);
        }
    }
}
