using Payments.Projections.ReadModel;

namespace Payments.Projections.Projector;

/// <summary>The write side of a payments read model, as the projector needs it.</summary>
public interface IPaymentProjectionStore
{
    Task<PaymentRecord?> Load(Guid paymentId, CancellationToken cancellationToken);

    /// <summary>
    /// Writes <paramref name="record"/> only if the stored row is still at <paramref name="expectedVersion"/>
    /// (0: no row yet). False when another writer moved it first; nothing is written then.
    /// </summary>
    Task<bool> Save(PaymentRecord record, long expectedVersion, CancellationToken cancellationToken);
}
