using System.Diagnostics.Metrics;
using Payments.Domain.Ramps;

namespace Payments.Application.Worker;

/// <summary>The worker's instruments, money-safety counters operators alert on among them; exported by whatever meter listener the host runs.</summary>
public static class PaymentMetrics
{
    public const string MeterName = "Payments.Worker";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Unknown = Meter.CreateCounter<long>("payments.ramp.outcome_unknown", description: "Ramp calls that went unanswered and need a status lookup");
    private static readonly Counter<long> Requeued = Meter.CreateCounter<long>("payments.sweeper.requeued", description: "Stalled open payments whose job the sweeper queued again");
    private static readonly Histogram<double> RampDuration = Meter.CreateHistogram<double>(
        "payments.ramp.duration", "s", "One delivery's work on a ramp leg, lookups, retries and backoff included");

    /// <summary>Tagged like <see cref="LegFinished"/>, so one leg has one name across the meter.</summary>
    public static void OutcomeUnknown(RampLeg leg) => Unknown.Add(1, new KeyValuePair<string, object?>("leg", LegTag(leg)));

    public static void SweeperRequeued(int count) => Requeued.Add(count);

    /// <summary>Records a leg's duration under the leg (<c>on_ramp</c>, <c>off_ramp</c>, <c>reversal</c>) and its outcome.</summary>
    public static void LegFinished(RampLeg leg, RampCallOutcome outcome, TimeSpan duration) => RampDuration.Record(
        duration.TotalSeconds,
        new KeyValuePair<string, object?>("leg", LegTag(leg)),
        new KeyValuePair<string, object?>("outcome", OutcomeTag(outcome)));

    /// <summary><c>succeeded</c> (settled), <c>failed</c> (refused or never executed) or <c>unknown</c> (unanswered).</summary>
    public static string OutcomeTag(RampCallOutcome outcome) => outcome switch
    {
        RampCallOutcome.Answered { Result: RampResult.Settled } => "succeeded",
        RampCallOutcome.Unknown => "unknown",
        _ => "failed",
    };

    private static string LegTag(RampLeg leg) => leg switch
    {
        RampLeg.OnRamp => "on_ramp",
        RampLeg.OffRamp => "off_ramp",
        _ => "reversal",
    };
}
