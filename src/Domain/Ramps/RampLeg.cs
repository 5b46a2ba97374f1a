namespace Payments.Domain.Ramps;

/// <summary>The two conversions of the sandwich: fiat into the stablecoin, then the stablecoin into fiat.</summary>
public enum RampLeg
{
    OnRamp,
    OffRamp,
}
