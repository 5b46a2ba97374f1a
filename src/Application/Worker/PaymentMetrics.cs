using System.Diagnostics.Metrics;
using Payments.Domain.Ramps;

namespace Payments.Application.Worker;

/// <summary>The money-safety counters operators alert on; exported by whatever meter listener the host runs.</summary>
public static class PaymentMetrics
{
    public const string MeterName = "Payments.Worker";

    private static readonly Meter Meter = new(MeterName);
    private static readonly Counter<long> Unknown = Meter.CreateCounter<long>("payments.ramp.outcome_unknown", description: "Ramp calls that went unanswered and need a status lookup");
    private static readonly Counter<long> Requeued = Meter.CreateCounter<long>("payments.sweeper.requeued", description: "Stalled open payments whose job the sweeper queued again");

    public static void OutcomeUnknown(RampLeg leg) => Unknown.Add(1, new KeyValuePair<string, object?>("leg", RampLegNames.Of(leg)));

    public static void SweeperRequeued(int count) => Requeued.Add(count);
}
