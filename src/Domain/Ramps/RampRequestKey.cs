namespace Payments.Domain.Ramps;

/// <summary>
/// The provider's idempotency key: one per payment and leg, so a redelivered or resumed job asks for the
/// same conversion again and gets the original transaction back instead of converting twice.
/// </summary>
public readonly record struct RampRequestKey
{
    private RampRequestKey(Guid paymentId, RampLeg leg)
    {
        PaymentId = paymentId;
        Leg = leg;
        Value = $"{paymentId:D}:{RampLegNames.Of(leg)}";
    }

    public string Value { get; }

    public RampLeg Leg { get; }

    public Guid PaymentId { get; }

    public static RampRequestKey For(Guid paymentId, RampLeg leg) => new(paymentId, leg);

    /// <summary>
    /// Reads back a key the provider quotes (on its settlement statement): true only for the exact text
    /// <see cref="For"/> writes, so a reference that is not one of ours is never taken for a payment's leg.
    /// </summary>
    public static bool TryParse(string? value, out RampRequestKey key)
    {
        key = default;
        var separator = value?.IndexOf(':', StringComparison.Ordinal) ?? -1;
        if (separator < 0
            || !Guid.TryParseExact(value![..separator], "D", out var paymentId)
            || !RampLegNames.TryParse(value[(separator + 1)..], out var leg))
        {
            return false;
        }

        var candidate = For(paymentId, leg);
        if (!string.Equals(candidate.Value, value, StringComparison.Ordinal))
        {
            return false;
        }

        key = candidate;
        return true;
    }

    public override string ToString() => Value;
}
