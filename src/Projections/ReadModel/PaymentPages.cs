namespace Payments.Projections.ReadModel;

/// <summary>Cuts one extra fetched row into "there is a next page" for every read model alike.</summary>
public static class PaymentPages
{
    public static PaymentPage Of(IReadOnlyList<PaymentRecord> fetched, int limit) =>
        fetched.Count > limit
            ? new PaymentPage(fetched.Take(limit).ToList(), fetched[limit - 1].PaymentId)
            : new PaymentPage(fetched, null);
}
