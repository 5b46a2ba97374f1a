using Payments.Domain.Events;
using Payments.Domain.Money;
using Payments.Domain.State;

namespace Payments.Domain.Decisions;

/// <summary>Pure decisions: given the current state and a command, which events happen.</summary>
public static class PaymentDecider
{
    public static Decision Decide(PaymentCommand command, Payment state, DateTimeOffset now)
    {
        var events = Propose(command, state, now);
        return Vet(state, events);
    }

    private static PaymentEvent[] Propose(PaymentCommand command, Payment state, DateTimeOffset now) => command switch
    {
        PaymentCommand.RequestPayment c =>
        [
            new PaymentEvent.PaymentRequested(
                c.PaymentId,
                c.ClientId,
                c.IdempotencyKey.Value,
                c.Request.Fingerprint(),
                c.Request.Amount,
                c.Request.Currency.Code,
                c.Request.SourceAccount,
                c.Request.DestinationAccount,
                now),
        ],
        PaymentCommand.StartProcessing => [new PaymentEvent.PaymentProcessingStarted(now)],
        PaymentCommand.CompleteOnRamp c =>
            [new PaymentEvent.OnRampCompleted(c.OnRampTxId, Stablecoin.Round(c.StablecoinAmount), Stablecoin.Symbol, c.Rate, now)],
        PaymentCommand.FailOnRamp c =>
        [
            new PaymentEvent.OnRampFailed(c.Reason, now),
            Failed(c.Kind == RampFailureKind.Refused ? PaymentErrorCodes.OnRampRefused : PaymentErrorCodes.OnRampUnavailable, now),
        ],
        PaymentCommand.CompleteOffRamp c =>
        [
            new PaymentEvent.OffRampCompleted(c.OffRampTxId, c.FiatAmount, state.Currency, c.Rate, now),
            new PaymentEvent.PaymentCompleted(now),
        ],
        PaymentCommand.FailOffRamp c => [new PaymentEvent.OffRampFailed(c.Reason, now)],
        PaymentCommand.RecordUnknownOutcome c => [new PaymentEvent.RampOutcomeUnknown(c.Leg, c.Reason, now)],
        PaymentCommand.CompleteReversal c =>
        [
            new PaymentEvent.ReversalCompleted(c.ReversalTxId, c.FiatAmount, state.Currency, c.Rate, now),
            Failed(PaymentErrorCodes.PayoutFailedFundsReturned, now),
        ],
        PaymentCommand.RefuseReversal c => [new PaymentEvent.ReversalRefused(c.Reason, now)],
        PaymentCommand.FailPayment c => [new PaymentEvent.PaymentFailed(c.ErrorMessage, now, PaymentErrorCodes.Abandoned)],
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown payment command"),
    };

    private static PaymentEvent.PaymentFailed Failed(string code, DateTimeOffset now) =>
        new(PaymentErrorCodes.MessageFor(code), now, code);

    private static Decision Vet(Payment state, PaymentEvent[] events)
    {
        if (events is [PaymentEvent.PaymentFailed] && state.HoldsStablecoin)
        {
            // Failing now would strand the converted funds: only the reversal's own write may fail such a payment.
            return Decision.Reject(PaymentRejectionCode.IllegalTransition, "the payment holds stablecoin; it must be reversed, not failed");
        }

        var current = state;
        foreach (var @event in events)
        {
            var broken = PaymentTransitions.Check(current, @event);
            if (broken is not null)
            {
                return Decision.Reject(CodeFor(current), broken);
            }

            current = PaymentFold.Evolve(current, @event);
        }

        return Decision.Accept(events);
    }

    private static PaymentRejectionCode CodeFor(Payment state) => state switch
    {
        { Status: PaymentStatus.None } => PaymentRejectionCode.PaymentNotFound,
        { IsTerminal: true } => PaymentRejectionCode.AlreadyTerminal,
        _ => PaymentRejectionCode.IllegalTransition,
    };
}
