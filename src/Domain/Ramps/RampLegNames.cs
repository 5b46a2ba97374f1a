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

    /// <summary>The leg spelled <paramref name="name"/> by <see cref="Of"/>; false for any other text.</summary>
    public static bool TryParse(string? name, out RampLeg leg)
    {
        foreach (var candidate in Enum.GetValues<RampLeg>())
        {
            if (string.Equals(Of(candidate), name, StringComparison.Ordinal))
            {
                leg = candidate;
                return true;
            }
        }

        leg = default;
        return false;
    }
}
