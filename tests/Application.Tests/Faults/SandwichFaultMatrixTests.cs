using Payments.Application.Ramps.Sandbox;
using Payments.Domain.Decisions;
using Payments.Domain.Ramps;
using Payments.Domain.State;

namespace Payments.Application.Tests.Faults;

/// <summary>
/// Every leg of the sandwich × every way a provider call goes wrong × whether it happens on the job's first receive or
/// on its last (the earlier receives finding the provider down). Each row must end in its one correct state, and the
/// provider's execution log must agree with the ledger: nothing executed twice, nothing executed that the ledger lost.
/// </summary>
public sealed class SandwichFaultMatrixTests
{
    public enum Fault
    {
        Refused,
        UnavailableBeforeExecuting,
        ExecutedThenTimeout,
        ExecutedThenWorkerDies,
    }

    public enum At
    {
        FirstReceive,
        LastReceive,
    }

    public enum Ending
    {
        /// <summary>COMPLETED with both transaction ids.</summary>
        Completed,

        /// <summary>FAILED, nothing converted.</summary>
        FailedNothingConverted,

        /// <summary>FAILED, the stablecoin returned to the source account by a completed reversal.</summary>
        FailedReversed,

        /// <summary>PROCESSING, stablecoin held, waiting for an operator (the reversal itself was refused).</summary>
        HeldForOperator,
    }

    public static TheoryData<RampLeg, Fault, At, Ending, bool> Matrix() => new()
    {
        { RampLeg.OnRamp, Fault.Refused, At.FirstReceive, Ending.FailedNothingConverted, false },
        { RampLeg.OnRamp, Fault.Refused, At.LastReceive, Ending.FailedNothingConverted, false },
        { RampLeg.OnRamp, Fault.UnavailableBeforeExecuting, At.FirstReceive, Ending.Completed, false },
        { RampLeg.OnRamp, Fault.UnavailableBeforeExecuting, At.LastReceive, Ending.FailedNothingConverted, false },
        { RampLeg.OnRamp, Fault.ExecutedThenTimeout, At.FirstReceive, Ending.Completed, true },
        { RampLeg.OnRamp, Fault.ExecutedThenTimeout, At.LastReceive, Ending.Completed, true },
        { RampLeg.OnRamp, Fault.ExecutedThenWorkerDies, At.FirstReceive, Ending.Completed, false },
        { RampLeg.OnRamp, Fault.ExecutedThenWorkerDies, At.LastReceive, Ending.Completed, false },
        { RampLeg.OffRamp, Fault.Refused, At.FirstReceive, Ending.FailedReversed, false },
        { RampLeg.OffRamp, Fault.Refused, At.LastReceive, Ending.FailedReversed, false },
        { RampLeg.OffRamp, Fault.UnavailableBeforeExecuting, At.FirstReceive, Ending.Completed, false },
        { RampLeg.OffRamp, Fault.UnavailableBeforeExecuting, At.LastReceive, Ending.FailedReversed, false },
        { RampLeg.OffRamp, Fault.ExecutedThenTimeout, At.FirstReceive, Ending.Completed, true },
        { RampLeg.OffRamp, Fault.ExecutedThenTimeout, At.LastReceive, Ending.Completed, true },
        { RampLeg.OffRamp, Fault.ExecutedThenWorkerDies, At.FirstReceive, Ending.Completed, false },
        { RampLeg.OffRamp, Fault.ExecutedThenWorkerDies, At.LastReceive, Ending.Completed, false },
        { RampLeg.Reversal, Fault.Refused, At.FirstReceive, Ending.HeldForOperator, false },
        { RampLeg.Reversal, Fault.Refused, At.LastReceive, Ending.HeldForOperator, false },
        { RampLeg.Reversal, Fault.UnavailableBeforeExecuting, At.FirstReceive, Ending.FailedReversed, false },
        { RampLeg.Reversal, Fault.UnavailableBeforeExecuting, At.LastReceive, Ending.FailedReversed, false },
        { RampLeg.Reversal, Fault.ExecutedThenTimeout, At.FirstReceive, Ending.FailedReversed, true },
        { RampLeg.Reversal, Fault.ExecutedThenTimeout, At.LastReceive, Ending.FailedReversed, true },
        { RampLeg.Reversal, Fault.ExecutedThenWorkerDies, At.FirstReceive, Ending.FailedReversed, false },
        { RampLeg.Reversal, Fault.ExecutedThenWorkerDies, At.LastReceive, Ending.FailedReversed, false },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public async Task Each_fault_ends_in_its_one_correct_state_with_each_leg_executed_at_most_once(
        RampLeg leg, Fault fault, At at, Ending ending, bool raisesAttention)
    {
        await using var run = SandwichRun.Start();
        var id = await run.Fixture.RequestPayment(250.00m, "EUR");
        if (leg == RampLeg.Reversal)
        {
            // The reversal only runs after a refused payout.
            run.Script.OnCalls(RampLeg.OffRamp, RampFault.Refuse);
        }

        Script(run, leg, fault, at);

        var payment = await run.DriveToRest(id);

        AssertEnding(ending, payment, await run.Executed(id));
        Assert.Equal(raisesAttention, await EverNeededAttention(run, id));
        await AssertLedgerMatchesProvider(run, id, payment);
    }

    [Fact]
    public async Task Unknown_outcome_whose_lookup_keeps_failing_stays_processing_with_attention_until_a_lookup_answers()
    {
        await using var run = SandwichRun.Start();
        var id = await run.Fixture.RequestPayment();
        run.Script.OnCalls(RampLeg.OnRamp, RampFault.ExecutedThenTimeout, RampFault.ExecutedThenTimeout, RampFault.ExecutedThenTimeout);
        // Receive 1 leaves the outcome unknown; the lookups of receives 2 and 3 (each with its retries) all fail.
        run.Script.OnLookups(RampLeg.OnRamp, Enumerable.Repeat(RampFault.LookupUnavailable, 2 * run.Options.RampAttempts).ToArray());

        var stuck = await run.DriveToRest(id, maxSweeps: 0);

        Assert.Equal(PaymentStatus.Processing, stuck.Status);
        Assert.StartsWith("on-ramp outcome unknown: ", stuck.Attention, StringComparison.Ordinal);
        Assert.Null(stuck.OnRampTxId);

        var resolved = await run.DriveToRest(id);

        Assert.Equal(PaymentStatus.Completed, resolved.Status);
        Assert.Null(resolved.Attention);
        await AssertLedgerMatchesProvider(run, id, resolved);
    }

    [Theory]
    [InlineData(RampLeg.OnRamp)]
    [InlineData(RampLeg.OffRamp)]
    public async Task A_leg_executed_by_a_worker_that_died_is_found_by_lookup_not_given_up_when_the_provider_then_refuses_calls_at_the_door(RampLeg leg)
    {
        await using var run = SandwichRun.Start();
        var id = await run.Fixture.RequestPayment();
        // Receive 1 executes the leg and dies before recording it; every call of the later receives is refused unexecuted.
        run.Ramps.CrashAfterExecuting(leg, 1);
        run.Script.OnCalls(leg, [RampFault.None, .. Enumerable.Repeat(RampFault.UnavailableBeforeExecuting, run.Options.RampAttempts * run.Options.MaxReceives)]);

        var payment = await run.DriveToRest(id, maxSweeps: 0);

        Assert.Equal(PaymentStatus.Completed, payment.Status);
        Assert.Null(payment.ReversalTxId);
        await AssertLedgerMatchesProvider(run, id, payment);
    }

    [Fact]
    public async Task Slow_call_cut_off_by_the_timeout_is_looked_up_and_found_never_executed_then_executed_once()
    {
        await using var run = SandwichRun.Start();
        var id = await run.Fixture.RequestPayment();
        run.Script.OnCalls(RampLeg.OffRamp, RampFault.Slow, RampFault.Slow, RampFault.Slow);

        var payment = await run.DriveToRest(id);

        Assert.Equal(PaymentStatus.Completed, payment.Status);
        await AssertLedgerMatchesProvider(run, id, payment);
    }

    private static void Script(SandwichRun run, RampLeg leg, Fault fault, At at)
    {
        var perReceive = run.Options.RampAttempts;
        if (at == At.LastReceive)
        {
            run.Script.OnCalls(leg, Enumerable.Repeat(RampFault.UnavailableBeforeExecuting, perReceive * (run.Options.MaxReceives - 1)).ToArray());
        }

        // Unavailable and timeouts hit every call of the receive (its retries too); a refusal or a death needs one call.
        switch (fault)
        {
            case Fault.Refused:
                run.Script.OnCalls(leg, RampFault.Refuse);
                break;
            case Fault.UnavailableBeforeExecuting:
                run.Script.OnCalls(leg, Enumerable.Repeat(RampFault.UnavailableBeforeExecuting, perReceive).ToArray());
                break;
            case Fault.ExecutedThenTimeout:
                run.Script.OnCalls(leg, Enumerable.Repeat(RampFault.ExecutedThenTimeout, perReceive).ToArray());
                break;
            case Fault.ExecutedThenWorkerDies:
                // A death on the last receive leaves the job to dead-letter; the sweeper's fresh job finishes the payment.
                run.Ramps.CrashAfterExecuting(leg, 1);
                break;
        }
    }

    private static void AssertEnding(Ending ending, Payment payment, IReadOnlyDictionary<RampLeg, RampTransaction> executed)
    {
        switch (ending)
        {
            case Ending.Completed:
                Assert.Equal(PaymentStatus.Completed, payment.Status);
                Assert.NotNull(payment.OnRampTxId);
                Assert.NotNull(payment.OffRampTxId);
                Assert.False(executed.ContainsKey(RampLeg.Reversal));
                break;
            case Ending.FailedNothingConverted:
                Assert.Equal(PaymentStatus.Failed, payment.Status);
                Assert.Null(payment.OnRampTxId);
                Assert.True(executed.GetValueOrDefault(RampLeg.OnRamp)?.TransactionId is null, "the on-ramp converted for a payment that failed with nothing converted");
                Assert.False(executed.ContainsKey(RampLeg.OffRamp));
                Assert.Contains(payment.ErrorCode, new[] { PaymentErrorCodes.OnRampRefused, PaymentErrorCodes.OnRampUnavailable });
                break;
            case Ending.FailedReversed:
                Assert.Equal(PaymentStatus.Failed, payment.Status);
                Assert.NotNull(payment.OnRampTxId);
                Assert.Null(payment.OffRampTxId);
                Assert.NotNull(payment.ReversalTxId);
                Assert.Equal(PaymentErrorCodes.PayoutFailedFundsReturned, payment.ErrorCode);
                Assert.True(executed.GetValueOrDefault(RampLeg.OffRamp)?.TransactionId is null, "the off-ramp paid out for a payment that was reversed");
                break;
            case Ending.HeldForOperator:
                Assert.Equal(PaymentStatus.Processing, payment.Status);
                Assert.True(payment.HoldsStablecoin);
                Assert.StartsWith("reversal refused", payment.Attention, StringComparison.Ordinal);
                break;
        }
    }

    /// <summary>Whether the history holds a RampOutcomeUnknown: the attention was raised at some point, even if resolved since.</summary>
    private static async Task<bool> EverNeededAttention(SandwichRun run, Guid id)
    {
        var history = await run.Fixture.Store.ReadStream(Payments.EventStore.Contract.StreamId.For(id), 1, CancellationToken.None);
        return history.Any(e => e.Type == "RampOutcomeUnknown");
    }

    /// <summary>Every transaction the provider executed is the one the ledger holds for that leg; none is missing or extra.</summary>
    private static async Task AssertLedgerMatchesProvider(SandwichRun run, Guid id, Payment payment)
    {
        var executed = await run.Executed(id);
        Assert.Equal(executed.GetValueOrDefault(RampLeg.OnRamp)?.TransactionId, payment.OnRampTxId);
        Assert.Equal(executed.GetValueOrDefault(RampLeg.OffRamp)?.TransactionId, payment.OffRampTxId);
        Assert.Equal(executed.GetValueOrDefault(RampLeg.Reversal)?.TransactionId, payment.ReversalTxId);
        var usage = await run.Log.Usage(CancellationToken.None);
        Assert.All(usage, u => Assert.Equal(1, u.Executions));
    }
}
