namespace Payments.Domain.Ramps;

/// <summary>
/// The provider's idempotency key: one per payment and leg, so a redelivered or resumed job asks for the
/// same conversion again and gets the original transaction back instead of converting twice.
/// </summary>
public readonly record struct RampRequestKey
{
    private RampRequestKey(string value, RampLeg leg)
    {
        Value = value;
        Leg = leg;
    }

    public string Value { get; }

    public RampLeg Leg { get; }

    public static RampRequestKey For(Guid paymentId, RampLeg leg) =>
        new($"{paymentId:D}:{RampLegNames.Of(leg)}", leg);

    public override string ToString() => Value;
}
