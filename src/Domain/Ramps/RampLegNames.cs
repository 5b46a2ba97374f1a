namespace Payments.Domain.Ramps;

/// <summary>The one spelling of each leg in request keys, messages and logs.</summary>
public static class RampLegNames
{
    public static string Of(RampLeg leg) => leg switch
    {
        RampLeg.OnRamp => "on-ramp",
        RampLeg.OffRamp => "off-ramp",
        RampLeg.Reversal => "reversal",
        _ => throw new ArgumentOutOfRangeException(nameof(leg), leg, "Unknown ramp leg"),
    };
}
