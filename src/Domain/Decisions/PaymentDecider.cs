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
            [new PaymentEvent.OnRampFailed(c.Reason, now), new PaymentEvent.PaymentFailed($"on-ramp failed: {c.Reason}", now)],
        PaymentCommand.CompleteOffRamp c =>
        [
            new PaymentEvent.OffRampCompleted(c.OffRampTxId, c.FiatAmount, state.Currency, c.Rate, now),
            new PaymentEvent.PaymentCompleted(now),
        ],
        PaymentCommand.FailOffRamp c =>
            [new PaymentEvent.OffRampFailed(c.Reason, now), new PaymentEvent.PaymentFailed($"off-ramp failed: {c.Reason}", now)],
        PaymentCommand.FailPayment c => [new PaymentEvent.PaymentFailed(c.ErrorMessage, now)],
        _ => throw new ArgumentOutOfRangeException(nameof(command), command.GetType().Name, "Unknown payment command"),
    };

    private static Decision Vet(Payment state, PaymentEvent[] events)
    {
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
