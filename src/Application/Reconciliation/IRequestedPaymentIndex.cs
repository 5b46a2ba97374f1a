namespace Payments.Application.Reconciliation;

/// <summary>Payments by the time they were requested: which payments a reconciliation period is about.</summary>
public interface IRequestedPaymentIndex
{
    /// <summary>Every payment requested at or after <paramref name="from"/> and before <paramref name="to"/>.</summary>
    Task<IReadOnlyList<Guid>> RequestedBetween(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}
