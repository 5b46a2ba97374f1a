using Payments.Domain.Ramps;

namespace Payments.Application.Ramps.Sandbox;

/// <summary>
/// What a provider did for one request key, recorded once. <paramref name="TransactionId"/> is null for a refusal.
/// </summary>
public sealed record RampTransaction(string RequestKey, RampLeg Leg, string? TransactionId, decimal Amount, decimal Rate, string? RefusalReason)
{
    public RampResult ToResult() =>
        TransactionId is null ? new RampResult.Refused(RefusalReason ?? "refused") : new RampResult.Settled(TransactionId, Amount, Rate);
}
