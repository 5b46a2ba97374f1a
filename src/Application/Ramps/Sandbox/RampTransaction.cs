using Payments.Domain.Ramps;

namespace Payments.Application.Ramps.Sandbox;

/// <summary>
/// What a provider did for one request key, recorded once. <paramref name="TransactionId"/> is null for a refusal.
/// <paramref name="Currency"/> is what <paramref name="Amount"/> came out in and <paramref name="ExecutedAt"/> when the
/// provider executed it; both are null for a refusal, which executed nothing.
/// </summary>
public sealed record RampTransaction(
    string RequestKey,
    RampLeg Leg,
    string? TransactionId,
    decimal Amount,
    decimal Rate,
    string? RefusalReason,
    string? Currency,
    DateTimeOffset? ExecutedAt)
{
    public RampResult ToResult() =>
        TransactionId is null ? new RampResult.Refused(RefusalReason ?? "refused") : new RampResult.Settled(TransactionId, Amount, Rate);

    /// <summary>The transaction as a statement shows it; null for a refusal, or for a sandbox row recorded before execution times were kept.</summary>
    public SettlementStatementLine? ToStatementLine() =>
        TransactionId is { } id && ExecutedAt is { } executedAt
            ? new SettlementStatementLine(id, RequestKey, Leg, Amount, Currency, executedAt)
            : null;
}
