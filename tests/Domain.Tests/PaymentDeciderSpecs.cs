using Payments.Domain.Ramps;
using Payments.Domain.Decisions;
using Payments.Domain.Events;
using Payments.Domain.State;

namespace Payments.Domain.Tests;

public sealed class PaymentDeciderSpecs
{
    private static readonly DateTimeOffset Now = PaymentHistories.Epoch;

    private static Payment Given(params PaymentCommand[] commands) =>
        commands.Aggregate(Payment.Initial, (state, c) => PaymentDecider.Decide(c, state, Now).Events.Aggregate(state, PaymentFold.Evolve));

    private static Payment Processing() => Given(PaymentHistories.RequestCommand(), new PaymentCommand.StartProcessing());

    [Fact]
    public void Given_no_payment_When_requested_Then_payment_requested_and_pending()
    {
        var decision = PaymentDecider.Decide(PaymentHistories.RequestCommand(), Payment.Initial, Now);

        var requested = Assert.IsType<PaymentEvent.PaymentRequested>(Assert.Single(decision.Events));
        Assert.Equal(125.50m, requested.Amount);
        Assert.Equal("EUR", requested.Currency);
        Assert.Equal(64, requested.RequestFingerprint.Length);
        Assert.Equal(PaymentStatus.Pending, PaymentFold.Evolve(Payment.Initial, requested).Status);
    }

    [Fact]
    public void Given_pending_payment_When_requested_again_Then_rejected()
    {
        var decision = PaymentDecider.Decide(PaymentHistories.RequestCommand(), Given(PaymentHistories.RequestCommand()), Now);

        Assert.Equal(PaymentRejectionCode.IllegalTransition, decision.Rejection?.Code);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void Given_no_payment_When_processing_starts_Then_rejected_as_not_found()
    {
        var decision = PaymentDecider.Decide(new PaymentCommand.StartProcessing(), Payment.Initial, Now);

        Assert.Equal(PaymentRejectionCode.PaymentNotFound, decision.Rejection?.Code);
    }

    [Fact]
    public void Given_processing_payment_When_both_ramps_complete_Then_payment_completed()
    {
        var state = Given(
            PaymentHistories.RequestCommand(),
            new PaymentCommand.StartProcessing(),
            new PaymentCommand.CompleteOnRamp("on-1", 135.540000m, 1.08m),
            new PaymentCommand.CompleteOffRamp("off-1", 125.50m, 0.9259m));

        Assert.Equal(PaymentStatus.Completed, state.Status);
        Assert.Equal("on-1", state.OnRampTxId);
        Assert.Equal("off-1", state.OffRampTxId);
        Assert.Equal(Now, state.ProcessedAt);
        Assert.Equal(5, state.Version);
    }

    [Fact]
    public void Given_processing_payment_When_on_ramp_fails_Then_payment_failed_with_reason()
    {
        var decision = PaymentDecider.Decide(new PaymentCommand.FailOnRamp("card declined"), Processing(), Now);

        Assert.Collection(
            decision.Events,
            e => Assert.IsType<PaymentEvent.OnRampFailed>(e),
            e => Assert.Equal(PaymentErrorCodes.OnRampRefused, Assert.IsType<PaymentEvent.PaymentFailed>(e).ErrorCode));
    }

    [Fact]
    public void Given_processing_payment_When_off_ramp_fails_Then_payment_stays_processing_with_the_reversal_open()
    {
        var state = Given(
            PaymentHistories.RequestCommand(),
            new PaymentCommand.StartProcessing(),
            new PaymentCommand.CompleteOnRamp("on-1", 10m, 1m),
            new PaymentCommand.FailOffRamp("beneficiary bank offline"));

        Assert.Equal(PaymentStatus.Processing, state.Status);
        Assert.Equal(RampLeg.Reversal, state.OpenLeg);
        Assert.True(state.HoldsStablecoin);
    }

    [Fact]
    public void Given_off_ramp_failed_When_failed_without_reversal_Then_rejected_because_the_stablecoin_would_be_stranded()
    {
        var state = Given(
            PaymentHistories.RequestCommand(),
            new PaymentCommand.StartProcessing(),
            new PaymentCommand.CompleteOnRamp("on-1", 10m, 1m),
            new PaymentCommand.FailOffRamp("beneficiary bank offline"));

        Assert.False(PaymentDecider.Decide(new PaymentCommand.FailPayment("give up"), state, Now).IsAccepted);
    }

    [Fact]
    public void Given_off_ramp_failed_When_reversal_completes_Then_payment_failed_with_the_reversal_and_a_stable_code()
    {
        var state = Given(
            PaymentHistories.RequestCommand(),
            new PaymentCommand.StartProcessing(),
            new PaymentCommand.CompleteOnRamp("on-1", 10m, 1m),
            new PaymentCommand.FailOffRamp("beneficiary bank offline"),
            new PaymentCommand.CompleteReversal("rev-1", 9.99m, 1m));

        Assert.Equal(PaymentStatus.Failed, state.Status);
        Assert.Equal("rev-1", state.ReversalTxId);
        Assert.Equal(PaymentErrorCodes.PayoutFailedFundsReturned, state.ErrorCode);
        Assert.DoesNotContain("beneficiary", state.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Given_unknown_on_ramp_outcome_When_on_ramp_completes_Then_attention_clears()
    {
        var unknown = Given(
            PaymentHistories.RequestCommand(),
            new PaymentCommand.StartProcessing(),
            new PaymentCommand.RecordUnknownOutcome(RampLeg.OnRamp, "timed out"));
        Assert.Equal(PaymentStatus.Processing, unknown.Status);
        Assert.Equal("on-ramp outcome unknown: timed out", unknown.Attention);

        var resolved = Given(
            PaymentHistories.RequestCommand(),
            new PaymentCommand.StartProcessing(),
            new PaymentCommand.RecordUnknownOutcome(RampLeg.OnRamp, "timed out"),
            new PaymentCommand.CompleteOnRamp("on-1", 10m, 1m));
        Assert.Null(resolved.Attention);
        Assert.Null(resolved.UnknownOutcomeLeg);
    }

    [Fact]
    public void Given_processing_payment_When_an_unknown_outcome_names_a_leg_that_is_not_open_Then_rejected()
    {
        Assert.False(PaymentDecider.Decide(new PaymentCommand.RecordUnknownOutcome(RampLeg.OffRamp, "timed out"), Processing(), Now).IsAccepted);
    }

    [Fact]
    public void Given_processing_payment_without_on_ramp_When_off_ramp_completes_Then_rejected()
    {
        var decision = PaymentDecider.Decide(new PaymentCommand.CompleteOffRamp("off", 1m, 1m), Processing(), Now);

        Assert.Equal(PaymentRejectionCode.IllegalTransition, decision.Rejection?.Code);
    }

    [Fact]
    public void Given_completed_payment_When_failed_Then_rejected_as_already_terminal()
    {
        var state = Given(
            PaymentHistories.RequestCommand(),
            new PaymentCommand.StartProcessing(),
            new PaymentCommand.CompleteOnRamp("on-1", 10m, 1m),
            new PaymentCommand.CompleteOffRamp("off-1", 10m, 1m));

        var decision = PaymentDecider.Decide(new PaymentCommand.FailPayment("late"), state, Now);

        Assert.Equal(PaymentRejectionCode.AlreadyTerminal, decision.Rejection?.Code);
    }

    [Fact]
    public void Given_pending_payment_When_dead_lettered_Then_payment_failed()
    {
        var decision = PaymentDecider.Decide(new PaymentCommand.FailPayment("job dead-lettered"), Given(PaymentHistories.RequestCommand()), Now);

        Assert.IsType<PaymentEvent.PaymentFailed>(Assert.Single(decision.Events));
    }

    [Fact]
    public void Given_on_ramp_done_When_on_ramp_completes_again_Then_rejected()
    {
        var state = Given(PaymentHistories.RequestCommand(), new PaymentCommand.StartProcessing(), new PaymentCommand.CompleteOnRamp("on-1", 10m, 1m));

        Assert.False(PaymentDecider.Decide(new PaymentCommand.CompleteOnRamp("on-2", 10m, 1m), state, Now).IsAccepted);
    }

    [Fact]
    public void Stablecoin_amount_is_rounded_down_to_six_decimals()
    {
        var decision = PaymentDecider.Decide(new PaymentCommand.CompleteOnRamp("on-1", 1.23456789m, 1m), Processing(), Now);

        Assert.Equal(1.234567m, Assert.IsType<PaymentEvent.OnRampCompleted>(Assert.Single(decision.Events)).StablecoinAmount);
    }

    [Fact]
    public void Fold_of_event_before_request_fails_loudly()
    {
        Assert.Throws<IllegalPaymentHistoryException>(() => PaymentFold.Evolve(Payment.Initial, new PaymentEvent.PaymentCompleted(Now)));
    }
}
