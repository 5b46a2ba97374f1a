namespace Payments.Application.Sweeping;

/// <summary>Open payments (PENDING or PROCESSING) by how long they have gone without a new event.</summary>
public interface IStalledPaymentIndex
{
    /// <summary>Up to <paramref name="limit"/> open payments last changed before <paramref name="idleSince"/>, longest idle first.</summary>
    Task<IReadOnlyList<Guid>> FindStalled(DateTimeOffset idleSince, int limit, CancellationToken cancellationToken);
}
