using System.Text.Json.Serialization;

namespace Payments.Application.Reconciliation;

/// <summary>How many payments, and their sum in the currency of the summary (exact, never rounded).</summary>
public sealed record ReconciliationTally(
    int Count,
    [property: JsonNumberHandling(ReconciliationAnomaly.ExactText)] decimal Amount)
{
    public static ReconciliationTally Zero { get; } = new(0, 0m);

    public ReconciliationTally Add(decimal amount) => new(Count + 1, Amount + amount);
}
