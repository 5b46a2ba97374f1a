using Payments.Application.Consumers;
using Payments.Application.Jobs;
using Payments.Projections.ReadModel;

namespace Payments.Functions.OperatorConsole;

/// <summary>
/// What needs a person: payments flagged with an attention reason (an unknown ramp outcome, a reversal owed), open
/// payments that stopped moving, events a consumer parked, and the two queues' dead letters.
/// </summary>
public sealed record AttentionView(
    IReadOnlyList<PaymentRecord> Flagged,
    IReadOnlyList<Guid> Stalled,
    IReadOnlyList<ParkedEvent> Parked,
    IReadOnlyList<DeadLetteredJob> JobDeadLetters,
    IReadOnlyList<DeadLetteredJob> WebhookDeadLetters);
