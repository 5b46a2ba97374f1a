namespace Payments.Domain.Ramps;

/// <summary>
/// One transaction a provider says it executed: its own id, the request key we sent (our reference on its books), the
/// amount that came out in <paramref name="Currency"/>, and when it executed by the provider's clock.
/// <paramref name="Currency"/> is null only on lines the sandbox recorded before it kept currencies (see README).
/// </summary>
public sealed record SettlementStatementLine(
    string TransactionId,
    string RequestKey,
    RampLeg Leg,
    decimal Amount,
    string? Currency,
    DateTimeOffset ExecutedAt);
