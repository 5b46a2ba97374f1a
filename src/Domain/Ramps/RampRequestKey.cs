namespace Payments.Domain.Ramps;

/// <summary>
/// The provider's idempotency key: one per payment and leg, so a redelivered or resumed job asks for the
/// same conversion again and gets the original transaction back instead of converting twice.
/// </summary>
public readonly record struct RampRequestKey
{
    private RampRequestKey(string value) => Value = value;

    public string Value { get; }

    public static RampRequestKey For(Guid paymentId, RampLeg leg) =>
        new($"{paymentId:D}:{(leg == RampLeg.OnRamp ? "on-ramp" : "off-ramp")}");

    public override string ToString() => Value;
}
