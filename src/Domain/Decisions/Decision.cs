using Payments.Domain.Events;

namespace Payments.Domain.Decisions;

/// <summary>Either the events to append or the reason nothing may be appended.</summary>
public sealed record Decision
{
    private Decision(IReadOnlyList<PaymentEvent> events, PaymentRejection? rejection)
    {
        Events = events;
        Rejection = rejection;
    }

    public IReadOnlyList<PaymentEvent> Events { get; }

    public PaymentRejection? Rejection { get; }

    public bool IsAccepted => Rejection is null;

    public static Decision Accept(params PaymentEvent[] events) => new(events, null);

    public static Decision Reject(PaymentRejectionCode code, string reason) => new([], new PaymentRejection(code, reason));
}
