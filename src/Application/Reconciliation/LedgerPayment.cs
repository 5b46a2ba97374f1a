using Payments.Domain.Events;
using Payments.Domain.Ramps;
using Payments.Domain.State;

namespace Payments.Application.Reconciliation;

/// <summary>
/// The ledger's side of one payment: its folded state, each completed leg with the currency its event names (the fold
/// keeps amounts only), and when processing started.
/// </summary>
public sealed record LedgerPayment(Payment State, IReadOnlyList<LedgerLeg> Legs, DateTimeOffset? ProcessingStartedAt)
{
    public static LedgerPayment From(IReadOnlyList<PaymentEvent> history)
    {
        ArgumentNullException.ThrowIfNull(history);
        var legs = new List<LedgerLeg>();
        DateTimeOffset? started = null;
        foreach (var @event in history)
        {
            switch (@event)
            {
                case PaymentEvent.PaymentProcessingStarted e:
                    started = e.StartedAt;
                    break;
                case PaymentEvent.OnRampCompleted e:
                    legs.Add(new LedgerLeg(RampLeg.OnRamp, e.OnRampTxId, e.StablecoinAmount, e.Stablecoin));
                    break;
                case PaymentEvent.OffRampCompleted e:
                    legs.Add(new LedgerLeg(RampLeg.OffRamp, e.OffRampTxId, e.FiatAmount, e.FiatCurrency));
                    break;
                case PaymentEvent.ReversalCompleted e:
                    legs.Add(new LedgerLeg(RampLeg.Reversal, e.ReversalTxId, e.FiatAmount, e.FiatCurrency));
                    break;
            }
        }

        return new LedgerPayment(PaymentFold.Replay(history), legs, started);
    }

    public LedgerLeg? Leg(RampLeg leg) => Legs.FirstOrDefault(l => l.Leg == leg);
}
