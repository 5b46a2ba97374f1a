using Payments.Projections.ReadModel;

namespace Payments.Functions.Tests.Gateway;

/// <summary>A read model that never answers until the request is cancelled, as a stuck dependency would.</summary>
internal sealed class StalledReadModel : IPaymentReadModel
{
    public async Task<PaymentRecord?> Find(Guid paymentId, CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        return null;
    }

    public async Task<PaymentPage> List(PaymentQuery query, CancellationToken cancellationToken)
    {
        await Task.Delay(Timeout.Infinite, cancellationToken);
        throw new InvalidOperationException("unreachable");
    }
}
