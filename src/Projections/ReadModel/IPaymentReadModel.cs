namespace Payments.Projections.ReadModel;

/// <summary>Queries over the payments read model. May lag the event log; callers needing read-your-writes fold the stream.</summary>
public interface IPaymentReadModel
{
    Task<PaymentRecord?> Find(Guid paymentId, CancellationToken cancellationToken);

    Task<PaymentPage> List(PaymentQuery query, CancellationToken cancellationToken);
}
