using System.Text.Json.Serialization;

namespace Payments.Application.Reconciliation;

/// <summary>What can be wrong between the ledger and the providers' statements, or inside the ledger itself.</summary>
public enum AnomalyKind
{
    /// <summary>The provider executed a transaction the ledger does not hold, such as an unknown outcome never resolved.</summary>
    [JsonStringEnumMemberName("missing_in_ledger")]
    MissingInLedger,

    /// <summary>The ledger holds a transaction the provider's statement does not show.</summary>
    [JsonStringEnumMemberName("missing_at_provider")]
    MissingAtProvider,

    /// <summary>The same transaction, with another amount at the provider.</summary>
    [JsonStringEnumMemberName("amount_mismatch")]
    AmountMismatch,

    /// <summary>The same transaction, in another currency at the provider (amounts are then not comparable).</summary>
    [JsonStringEnumMemberName("currency_mismatch")]
    CurrencyMismatch,

    /// <summary>A COMPLETED payment lacking its on-ramp or off-ramp transaction id.</summary>
    [JsonStringEnumMemberName("completed_without_tx_ids")]
    CompletedWithoutTxIds,

    /// <summary>Still PROCESSING longer than the threshold after processing started.</summary>
    [JsonStringEnumMemberName("stuck_processing")]
    StuckProcessing,

    /// <summary>FAILED after its on-ramp completed, with no completed reversal: the converted funds were never returned.</summary>
    [JsonStringEnumMemberName("failed_without_reversal")]
    FailedWithoutReversal,
}
