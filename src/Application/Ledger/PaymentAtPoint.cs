using Payments.Domain.State;

namespace Payments.Application.Ledger;

/// <summary>
/// A payment now (<paramref name="Latest"/>, whose owner decides who may see it) and as it was at the point asked for;
/// <paramref name="AtPoint"/> is null when the payment did not exist yet at that point or has not reached it.
/// </summary>
public sealed record PaymentAtPoint(Payment Latest, Payment? AtPoint);
