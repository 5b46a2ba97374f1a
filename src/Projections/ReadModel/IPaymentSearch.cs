namespace Payments.Projections.ReadModel;

/// <summary>
/// Cross-client search over the payments read model (operators, auditors, the console). Only read models with ad-hoc
/// filters offer it; where it is absent, a payment is found by its id.
/// </summary>
public interface IPaymentSearch
{
    Task<PaymentPage> Search(PaymentSearch search, CancellationToken cancellationToken);
}
