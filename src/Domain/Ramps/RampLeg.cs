using System.Text.Json.Serialization;

namespace Payments.Domain.Ramps;

/// <summary>
/// The conversions of the sandwich: fiat into the stablecoin, then the stablecoin into fiat; and, when the payout
/// is refused after the on-ramp, the reversal that converts the held stablecoin back to the source account.
/// </summary>
public enum RampLeg
{
    [JsonStringEnumMemberName("on_ramp")]
    OnRamp,

    [JsonStringEnumMemberName("off_ramp")]
    OffRamp,

    [JsonStringEnumMemberName("reversal")]
    Reversal,
}
