using Payments.Domain.State;
using Payments.EventStore.Integrity;

namespace Payments.Functions.OperatorConsole;

/// <summary>Everything the Payment page shows, read through the same services as the API's payment, history, audit and delivery routes.</summary>
public sealed record PaymentView(Payment Payment, IReadOnlyList<TimelineStep> Timeline, HashChainVerdict Chain, ProofStatus? Proof, IReadOnlyList<DeliveryView> Deliveries);
