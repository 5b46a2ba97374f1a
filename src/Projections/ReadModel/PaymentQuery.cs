using Payments.Domain.State;

namespace Payments.Projections.ReadModel;

/// <summary>
/// A client's payments, newest first. Payment ids are UUIDv7 (time-ordered), so the cursor is the
/// last id of the previous page and paging is stable under concurrent inserts.
/// </summary>
public sealed record PaymentQuery(string ClientId, PaymentStatus? Status, int Limit, Guid? After)
{
    /// <summary>Only payments that carry an attention reason.</summary>
    public bool AttentionOnly { get; init; }
}
