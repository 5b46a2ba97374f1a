namespace Payments.Projections.ReadModel;

/// <summary>A page of payments; <paramref name="NextAfter"/> is null on the last page.</summary>
public sealed record PaymentPage(IReadOnlyList<PaymentRecord> Items, Guid? NextAfter);
