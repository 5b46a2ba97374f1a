using Payments.Domain.State;

namespace Payments.Projections.ReadModel;

/// <summary>
/// A search across the read model, newest first, for the people who look after payments rather than own them: every
/// filter is optional, and a null <see cref="ClientId"/> means every client (the caller's role must allow that).
/// </summary>
public sealed record PaymentSearch(int Limit, Guid? After)
{
    public string? ClientId { get; init; }

    public PaymentStatus? Status { get; init; }

    public string? Currency { get; init; }

    public string? IdempotencyKey { get; init; }

    /// <summary>Requested at or after this time.</summary>
    public DateTimeOffset? RequestedFrom { get; init; }

    /// <summary>Requested before this time.</summary>
    public DateTimeOffset? RequestedBefore { get; init; }

    /// <summary>Only payments that carry an attention reason.</summary>
    public bool AttentionOnly { get; init; }
}
