using FsCheck;
using FsCheck.Fluent;
using Payments.Domain.Decisions;
using Payments.Domain.Events;
using Payments.Domain.State;

namespace Payments.Domain.Tests;

public sealed class PaymentFoldProperties
{
    [FsCheck.Xunit.Property(MaxTest = 500)]
    public Property Fold_is_deterministic_and_total_over_valid_histories() =>
        Prop.ForAll(Arb.From(PaymentHistories.AnyValidHistory), history =>
        {
            var once = PaymentFold.Replay(history);
            var twice = PaymentFold.Replay(history);
            return once == twice && once.Version == history.Count;
        });

    [FsCheck.Xunit.Property(MaxTest = 500)]
    public Property Status_only_moves_forward() =>
        Prop.ForAll(Arb.From(PaymentHistories.AnyValidHistory), history =>
        {
            var state = Payment.Initial;
            foreach (var e in history)
            {
                var next = PaymentFold.Evolve(state, e);
                if (Rank(next.Status) < Rank(state.Status) || (state.IsTerminal && next != state))
                {
                    return false;
                }

                state = next;
            }

            return true;
        });

    [FsCheck.Xunit.Property(MaxTest = 500)]
    public Property Completed_payment_has_both_ramp_transactions_and_failed_one_has_a_reason() =>
        Prop.ForAll(Arb.From(PaymentHistories.AnyValidHistory), history =>
        {
            var state = PaymentFold.Replay(history);
            return state.Status switch
            {
                PaymentStatus.Completed => state.OnRampTxId is not null && state.OffRampTxId is not null && state.ProcessedAt is not null,
                PaymentStatus.Failed => !string.IsNullOrEmpty(state.ErrorMessage) && state.OffRampTxId is null && state.ProcessedAt is not null,
                _ => state.ProcessedAt is null,
            };
        });

    [FsCheck.Xunit.Property(MaxTest = 500)]
    public Property Rejected_commands_write_nothing_and_accepted_ones_fold_cleanly() =>
        Prop.ForAll(Arb.From(PaymentHistories.AnyCommands), commands =>
        {
            var state = Payment.Initial;
            foreach (var command in commands)
            {
                var decision = PaymentDecider.Decide(command, state, PaymentHistories.Epoch);
                if (!decision.IsAccepted)
                {
                    if (decision.Events.Count != 0)
                    {
                        return false;
                    }

                    continue;
                }

                state = decision.Events.Aggregate(state, PaymentFold.Evolve);
            }

            return true;
        });

    [FsCheck.Xunit.Property(MaxTest = 300)]
    public Property Illegal_transition_appended_to_a_valid_history_is_refused_by_the_fold() =>
        Prop.ForAll(Arb.From(PaymentHistories.AnyValidHistory), Arb.From(Gen.Elements(Catalogue)), (history, candidate) =>
        {
            var state = PaymentFold.Replay(history);
            var legal = PaymentTransitions.Check(state, candidate) is null;
            try
            {
                PaymentFold.Evolve(state, candidate);
                return legal;
            }
            catch (IllegalPaymentHistoryException)
            {
                return !legal;
            }
        });

    private static readonly PaymentEvent[] Catalogue =
    [
        new PaymentEvent.PaymentRequested(Guid.NewGuid(), "c", "k", "fp", 1m, "USD", "a", "b", PaymentHistories.Epoch),
        new PaymentEvent.PaymentProcessingStarted(PaymentHistories.Epoch),
        new PaymentEvent.OnRampCompleted("on", 1m, "USDC", 1m, PaymentHistories.Epoch),
        new PaymentEvent.OnRampFailed("x", PaymentHistories.Epoch),
        new PaymentEvent.OffRampCompleted("off", 1m, "USD", 1m, PaymentHistories.Epoch),
        new PaymentEvent.OffRampFailed("x", PaymentHistories.Epoch),
        new PaymentEvent.PaymentCompleted(PaymentHistories.Epoch),
        new PaymentEvent.PaymentFailed("x", PaymentHistories.Epoch),
    ];

    private static int Rank(PaymentStatus status) => status switch
    {
        PaymentStatus.None => 0,
        PaymentStatus.Pending => 1,
        PaymentStatus.Processing => 2,
        _ => 3,
    };
}
