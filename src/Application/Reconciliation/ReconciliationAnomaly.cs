using System.Text.Json.Serialization;
using Payments.Domain.Ramps;

namespace Payments.Application.Reconciliation;

/// <summary>
/// One thing finance must look at, reported once: which payment and leg, the transaction, both sides' amounts and
/// currencies where there are two sides, and a sentence saying what is wrong.
/// </summary>
public sealed record ReconciliationAnomaly(
    AnomalyKind Kind,
    Guid? PaymentId,
    RampLeg? Leg,
    string? RequestKey,
    string? TransactionId,
    [property: JsonNumberHandling(ReconciliationAnomaly.ExactText)] decimal? LedgerAmount,
    string? LedgerCurrency,
    [property: JsonNumberHandling(ReconciliationAnomaly.ExactText)] decimal? ProviderAmount,
    string? ProviderCurrency,
    string Detail)
{
    /// <summary>Amounts travel as decimal strings ("250.00"), so no tool reads money as a float.</summary>
    internal const JsonNumberHandling ExactText = JsonNumberHandling.WriteAsString | JsonNumberHandling.AllowReadingFromString;
}
