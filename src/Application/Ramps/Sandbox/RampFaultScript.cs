using System.Collections.Concurrent;
using Payments.Domain.Ramps;

namespace Payments.Application.Ramps.Sandbox;

/// <summary>
/// Faults queued per leg for the sandbox provider: each call (or lookup) for that leg takes the next one, and an empty
/// queue means behave. Tests script whole fault schedules with it; the random <see cref="MockRampOptions.FailureRate"/>
/// applies only when nothing is scripted.
/// </summary>
public sealed class RampFaultScript
{
    private readonly ConcurrentDictionary<RampLeg, ConcurrentQueue<RampFault>> _calls = new();
    private readonly ConcurrentDictionary<RampLeg, ConcurrentQueue<RampFault>> _lookups = new();

    public RampFaultScript OnCalls(RampLeg leg, params RampFault[] faults)
    {
        Enqueue(_calls, leg, faults);
        return this;
    }

    public RampFaultScript OnLookups(RampLeg leg, params RampFault[] faults)
    {
        Enqueue(_lookups, leg, faults);
        return this;
    }

    internal RampFault? NextCall(RampLeg leg) => Next(_calls, leg);

    internal RampFault? NextLookup(RampLeg leg) => Next(_lookups, leg);

    private static void Enqueue(ConcurrentDictionary<RampLeg, ConcurrentQueue<RampFault>> queues, RampLeg leg, RampFault[] faults)
    {
        var queue = queues.GetOrAdd(leg, _ => new ConcurrentQueue<RampFault>());
        foreach (var fault in faults)
        {
            queue.Enqueue(fault);
        }
    }

    private static RampFault? Next(ConcurrentDictionary<RampLeg, ConcurrentQueue<RampFault>> queues, RampLeg leg) =>
        queues.TryGetValue(leg, out var queue) && queue.TryDequeue(out var fault) ? fault : null;
}
