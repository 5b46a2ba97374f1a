using Payments.Domain.Events;
using Payments.Domain.Ramps;

namespace Payments.Domain.State;

/// <summary>
/// Which event may follow which state. Shared by the fold (which refuses corrupt histories) and the
/// decider (which refuses to write them), so the two can never disagree.
/// </summary>
public static class PaymentTransitions
{
    /// <summary>Null when <paramref name="next"/> may follow <paramref name="state"/>; otherwise the broken rule.</summary>
    public static string? Check(Payment state, PaymentEvent next) => next switch
    {
        PaymentEvent.PaymentRequested => state.Status == PaymentStatus.None ? null : "payment already requested",
        _ when state.Status == PaymentStatus.None => "payment does not exist",
        _ when state.IsTerminal => $"payment is already {state.Status.ToString().ToUpperInvariant()}",
        PaymentEvent.PaymentProcessingStarted => state.Status == PaymentStatus.Pending ? null : "processing already started",
        _ when state.Status != PaymentStatus.Processing && next is not PaymentEvent.PaymentFailed => "payment is not processing",
        PaymentEvent.OnRampCompleted or PaymentEvent.OnRampFailed => OnRampOpen(state),
        PaymentEvent.OffRampCompleted or PaymentEvent.OffRampFailed => OffRampOpen(state),
        PaymentEvent.RampOutcomeUnknown e => state.OpenLeg == e.Leg ? null : $"{RampLegNames.Of(e.Leg)} is not the open leg",
        PaymentEvent.ReversalCompleted => ReversalOpen(state, allowAfterRefusal: true),
        PaymentEvent.ReversalRefused => ReversalOpen(state, allowAfterRefusal: false),
        PaymentEvent.PaymentCompleted => state.OffRampTxId is not null ? null : "off-ramp has not completed",
        PaymentEvent.PaymentFailed => state.OffRampTxId is null ? null : "funds were already paid out",
        _ => $"unknown event {next.GetType().Name}",
    };

    private static string? OnRampOpen(Payment state) =>
        state.OnRampTxId is not null || state.OnRampFailure is not null ? "on-ramp already settled" : null;

    private static string? OffRampOpen(Payment state) => state switch
    {
        { OnRampTxId: null } => "on-ramp has not completed",
        { OffRampTxId: not null } or { OffRampFailure: not null } => "off-ramp already settled",
        _ => null,
    };

    /// <summary>An operator may retry a refused reversal (under a new request), so a completion may follow a refusal.</summary>
    private static string? ReversalOpen(Payment state, bool allowAfterRefusal) => state switch
    {
        { OffRampFailure: null } => "the off-ramp has not failed",
        { ReversalTxId: not null } => "reversal already completed",
        { ReversalRefusal: not null } when !allowAfterRefusal => "reversal already refused",
        _ => null,
    };
}
