using Payments.Domain.State;
using Payments.EventStore.Contract;
using Payments.Application.Ledger;
using Payments.Projections.ReadModel;

namespace Payments.Functions.Tests.Api;

/// <summary>
/// A read model that is never behind: it folds the whole log on every query. Only for API tests,
/// where what matters is the endpoint's paging, filtering and isolation, not projection lag.
/// </summary>
internal sealed class LogFoldingReadModel(IEventLog store) : IPaymentReadModel
{
    public async Task<PaymentRecord?> Find(Guid paymentId, CancellationToken cancellationToken) =>
        (await All(cancellationToken)).FirstOrDefault(p => p.PaymentId == paymentId);

    public async Task<PaymentPage> List(PaymentQuery query, CancellationToken cancellationToken)
    {
        var matching = (await All(cancellationToken))
            .Where(p => p.ClientId == query.ClientId && (query.Status is null || p.Status == query.Status))
            .Where(p => query.After is null || p.PaymentId.CompareTo(query.After.Value) < 0)
            .OrderByDescending(p => p.PaymentId)
            .Take(query.Limit + 1)
            .ToList();
        var items = matching.Take(query.Limit).ToList();
        return new PaymentPage(items, matching.Count > query.Limit ? items[^1].PaymentId : null);
    }

    private async Task<List<PaymentRecord>> All(CancellationToken cancellationToken)
    {
        var events = await store.ReadAll(0, int.MaxValue, cancellationToken);
        return events.GroupBy(e => e.StreamId)
            .Select(g => PaymentRecord.From(PaymentFold.Replay(g.OrderBy(e => e.Version).Select(PaymentLedger.Decode))))
            .Where(p => p.Status != PaymentStatus.None)
            .ToList();
    }
}
