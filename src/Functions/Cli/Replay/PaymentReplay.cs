using System.Text.Json;
using Payments.Application.Ledger;
using Payments.Domain.Serialization;
using Payments.Domain.State;
using Payments.EventStore.Contract;

namespace Payments.Functions.Cli.Replay;

/// <summary>
/// A payment's history folded one event at a time, keeping every intermediate state. A history the fold refuses is
/// shown up to the event it refuses, with the reason, rather than not at all: that event is what an auditor wants.
/// </summary>
internal sealed record PaymentReplay(IReadOnlyList<ReplayStep> Steps, string? Failure)
{
    public static PaymentReplay Of(IReadOnlyList<StoredEvent> stream)
    {
        var steps = new List<ReplayStep>(stream.Count);
        var state = Payment.Initial;
        foreach (var stored in stream)
        {
            try
            {
                var @event = PaymentLedger.Decode(stored);
                var next = PaymentFold.Evolve(state, @event);
                steps.Add(new ReplayStep(stored, @event, state, next));
                state = next;
            }
            catch (Exception e) when (e is IllegalPaymentHistoryException or UnknownEventTypeException or JsonException)
            {
                return new PaymentReplay(steps, $"v{stored.Version} ({stored.Type}): {e.Message}");
            }
        }

        return new PaymentReplay(steps, null);
    }
}
