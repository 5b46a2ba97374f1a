using System.Text.Json.Serialization;

namespace Payments.Application.Reconciliation;

/// <summary>How many payments, and their sum in the currency of the summary (exact, never rounded).</summary>
public sealed record ReconciliationTally(
    int Count,
    [property: JsonNumberHandling(ReconciliationAnomaly.ExactText)] decimal Amount)
{
    public static ReconciliationTally Zero { get; } = new(0, 0m);

    /// <summary>
    /// Nothing yet, written with the currency's minor digits ("0.00" EUR, "0" JPY), so every sum reads like a price list.
    /// Decimal addition keeps the larger scale, and never rounds: the sums stay exact.
    /// </summary>
    public static ReconciliationTally ZeroIn(string currency) => new(0, MinorUnits.Scaled(0m, currency));

    public ReconciliationTally Add(decimal amount) => new(Count + 1, Amount + amount);
}
