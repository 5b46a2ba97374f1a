using FsCheck;
using FsCheck.Fluent;
using Payments.Application.Ramps.Sandbox;
using Payments.Domain.Ramps;
using Payments.Domain.State;

namespace Payments.Application.Tests.Faults;

/// <summary>
/// Random fault schedules on every leg (refusals, outages, unanswered calls, slow calls, failed lookups, worker deaths
/// after executing) with random duplicate deliveries: whatever happens, the money adds up. Per payment, what was paid
/// out plus what was reversed equals what was on-ramped, nothing executed twice, and nothing the provider executed is
/// missing from the ledger.
/// </summary>
public sealed class MoneyConservationProperties
{
    private static readonly Gen<RampFault> CallFault = Gen.Elements(
        RampFault.None, RampFault.Refuse, RampFault.UnavailableBeforeExecuting, RampFault.ExecutedThenTimeout, RampFault.Slow);

    private static readonly Gen<LegSchedule> Leg =
        from calls in CallFault.ListOf().Select(l => l.Take(8).ToArray())
        from lookups in Gen.Elements(RampFault.None, RampFault.LookupUnavailable).ListOf().Select(l => l.Take(4).ToArray())
        from deaths in Gen.Choose(0, 2)
        select new LegSchedule(calls, lookups, deaths);

    private static readonly Gen<Schedule> Schedules =
        from onRamp in Leg
        from offRamp in Leg
        from reversal in Leg
        from duplicates in Gen.Choose(0, 12).ListOf().Select(l => l.Take(4).ToHashSet())
        select new Schedule(onRamp, offRamp, reversal, duplicates);

    [FsCheck.Xunit.Property(MaxTest = 60)]
    public Property Paid_out_plus_reversed_equals_on_ramped_and_nothing_executes_twice() =>
        Prop.ForAll(Arb.From(Schedules), schedule => Run(Check(schedule)));

    private static async Task<bool> Check(Schedule schedule)
    {
        await using var run = SandwichRun.Start();
        var id = await run.Fixture.RequestPayment(250.00m, "EUR");
        schedule.Apply(run);

        var payment = await run.DriveToRest(id, maxSweeps: 12, schedule.Duplicates);
        var executed = await run.Executed(id);
        var onRamp = executed.GetValueOrDefault(RampLeg.OnRamp)?.TransactionId is not null ? executed[RampLeg.OnRamp] : null;
        var payout = executed.GetValueOrDefault(RampLeg.OffRamp)?.TransactionId is not null ? executed[RampLeg.OffRamp] : null;
        var reversal = executed.GetValueOrDefault(RampLeg.Reversal)?.TransactionId is not null ? executed[RampLeg.Reversal] : null;

        var heldForOperator = payment.Status == PaymentStatus.Processing && payment.ReversalRefusal is not null;
        var atRest = payment.IsTerminal || heldForOperator;
        var ledgerIsProvider =
            payment.OnRampTxId == onRamp?.TransactionId && payment.OffRampTxId == payout?.TransactionId && payment.ReversalTxId == reversal?.TransactionId;
        var spentOnce = onRamp is null
            ? payout is null && reversal is null
            : (payout is null) != (reversal is null) || (heldForOperator && payout is null && reversal is null);
        var conserved = onRamp is null || heldForOperator || (payout ?? reversal)!.Amount == Fiat(onRamp.Amount);
        var statusAgrees = (payment.Status == PaymentStatus.Completed) == (payout is not null);
        return atRest && ledgerIsProvider && spentOnce && conserved && statusAgrees;
    }

    /// <summary>What the sandbox pays in EUR for a stablecoin amount (its fixed rate, rounded down to cents).</summary>
    private static decimal Fiat(decimal stablecoin) => decimal.Round(stablecoin / 1.08m, 2, MidpointRounding.ToZero);

    private static bool Run(Task<bool> check) => check.GetAwaiter().GetResult();

    public sealed record LegSchedule(RampFault[] Calls, RampFault[] Lookups, int Deaths);

    public sealed record Schedule(LegSchedule OnRamp, LegSchedule OffRamp, LegSchedule Reversal, HashSet<int> Duplicates)
    {
        public void Apply(SandwichRun run)
        {
            foreach (var (leg, plan) in new[] { (RampLeg.OnRamp, OnRamp), (RampLeg.OffRamp, OffRamp), (RampLeg.Reversal, Reversal) })
            {
                run.Script.OnCalls(leg, plan.Calls).OnLookups(leg, plan.Lookups);
                run.Ramps.CrashAfterExecuting(leg, plan.Deaths);
            }
        }

        public override string ToString() =>
            $"on-ramp {Describe(OnRamp)}; off-ramp {Describe(OffRamp)}; reversal {Describe(Reversal)}; duplicates at [{string.Join(",", Duplicates)}]";

        private static string Describe(LegSchedule leg) => $"calls [{string.Join(",", leg.Calls)}] lookups [{string.Join(",", leg.Lookups)}] deaths {leg.Deaths}";
    }
}
