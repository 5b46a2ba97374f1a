using Payments.Domain.Ramps;
using FsCheck;
using FsCheck.Fluent;
using Payments.Domain.Events;
using Payments.Domain.Serialization;

namespace Payments.Domain.Tests;

public sealed class PaymentEventCodecProperties
{
    private static readonly Gen<decimal> AnyAmount =
        from units in Gen.Choose(0, int.MaxValue)
        from cents in Gen.Choose(0, 999_999)
        from scale in Gen.Choose(0, 6)
        select units + (cents / (decimal)Math.Pow(10, scale + 1));

    private static readonly Gen<string> AnyText = ArbMap.Default.GeneratorFor<NonEmptyString>().Select(s => s.Get);

    private static readonly Gen<DateTimeOffset> AnyTime = Gen.Choose(0, int.MaxValue).Select(s => PaymentHistories.Epoch.AddSeconds(s).AddTicks(s % 9_999_999));

    private static readonly Gen<PaymentEvent> AnyEvent = Gen.OneOf(
        from id in ArbMap.Default.GeneratorFor<Guid>()
        from text in AnyText
        from amount in AnyAmount
        from at in AnyTime
        select (PaymentEvent)new PaymentEvent.PaymentRequested(id, text, text, "fp", amount, "JPY", text + "s", text + "d", at),
        AnyTime.Select(t => (PaymentEvent)new PaymentEvent.PaymentProcessingStarted(t)),
        from text in AnyText
        from amount in AnyAmount
        from at in AnyTime
        select (PaymentEvent)new PaymentEvent.OnRampCompleted(text, amount, "USDC", amount, at),
        from text in AnyText
        from at in AnyTime
        select (PaymentEvent)new PaymentEvent.OnRampFailed(text, at),
        from text in AnyText
        from amount in AnyAmount
        from at in AnyTime
        select (PaymentEvent)new PaymentEvent.OffRampCompleted(text, amount, "MXN", amount, at),
        from text in AnyText
        from at in AnyTime
        select (PaymentEvent)new PaymentEvent.OffRampFailed(text, at),
        AnyTime.Select(t => (PaymentEvent)new PaymentEvent.PaymentCompleted(t)),
        from text in AnyText
        from at in AnyTime
        select (PaymentEvent)new PaymentEvent.PaymentFailed(text, at),
        from text in AnyText
        from at in AnyTime
        from code in Gen.Elements<string?>(null, "on_ramp_refused")
        select (PaymentEvent)new PaymentEvent.PaymentFailed(text, at, code),
        from leg in Gen.Elements(RampLeg.OnRamp, RampLeg.OffRamp, RampLeg.Reversal)
        from text in AnyText
        from at in AnyTime
        select (PaymentEvent)new PaymentEvent.RampOutcomeUnknown(leg, text, at),
        from text in AnyText
        from amount in AnyAmount
        from at in AnyTime
        select (PaymentEvent)new PaymentEvent.ReversalCompleted(text, amount, "EUR", amount, at),
        from text in AnyText
        from at in AnyTime
        select (PaymentEvent)new PaymentEvent.ReversalRefused(text, at));

    [FsCheck.Xunit.Property(MaxTest = 1000)]
    public Property Every_event_round_trips_through_its_stored_json_exactly() =>
        Prop.ForAll(Arb.From(AnyEvent), e =>
        {
            var encoded = PaymentEventCodec.Encode(e);
            var decoded = PaymentEventCodec.Decode(encoded.Type, encoded.SchemaVersion, encoded.Data);
            return decoded == e && PaymentEventCodec.Encode(decoded) == encoded;
        });

    [Fact]
    public void Stored_json_is_snake_case_and_keeps_decimal_scale()
    {
        var encoded = PaymentEventCodec.Encode(new PaymentEvent.OffRampCompleted("off-1", 10.50m, "USD", 0.925000m, PaymentHistories.Epoch));

        Assert.Equal("OffRampCompleted", encoded.Type);
        Assert.Contains("\"off_ramp_tx_id\":\"off-1\"", encoded.Data, StringComparison.Ordinal);
        Assert.Contains("\"fiat_amount\":10.50", encoded.Data, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_type_fails_loudly_with_its_name()
    {
        var error = Assert.Throws<UnknownEventTypeException>(() => PaymentEventCodec.Decode("PaymentRefunded", 1, "{}"));

        Assert.Contains("PaymentRefunded", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_schema_version_fails_loudly()
    {
        Assert.Throws<UnknownEventTypeException>(() => PaymentEventCodec.Decode("PaymentCompleted", 9, "{\"completed_at\":\"2026-01-01T00:00:00Z\"}"));
    }

    [Fact]
    public void Every_catalogue_type_has_a_stable_name()
    {
        Assert.Equal(
            [
                "OffRampCompleted", "OffRampFailed", "OnRampCompleted", "OnRampFailed", "PaymentCompleted", "PaymentFailed", "PaymentProcessingStarted",
                "PaymentRequested", "RampOutcomeUnknown", "ReversalCompleted", "ReversalRefused",
            ],
            PaymentEventCodec.TypeNames.Order());
    }
}
