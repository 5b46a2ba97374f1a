using Payments.Domain.Ramps;

namespace Payments.Domain.Tests;

/// <summary>A request key read back from a provider's statement names the payment and leg it was written for, and nothing else passes for one.</summary>
public sealed class RampRequestKeyTests
{
    [Theory]
    [InlineData(RampLeg.OnRamp)]
    [InlineData(RampLeg.OffRamp)]
    [InlineData(RampLeg.Reversal)]
    public void Key_read_back_from_its_text_names_the_same_payment_and_leg(RampLeg leg)
    {
        var written = RampRequestKey.For(Guid.CreateVersion7(), leg);

        Assert.True(RampRequestKey.TryParse(written.Value, out var read));
        Assert.Equal(written, read);
        Assert.Equal((written.PaymentId, leg), (read.PaymentId, read.Leg));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0198c2b1-7e4a-7000-8000-000000000001")]
    [InlineData("0198c2b1-7e4a-7000-8000-000000000001:")]
    [InlineData("0198c2b1-7e4a-7000-8000-000000000001:on_ramp")]
    [InlineData("0198c2b1-7e4a-7000-8000-000000000001:on-ramp:again")]
    [InlineData("0198C2B1-7E4A-7000-8000-000000000001:on-ramp")]
    [InlineData("0198c2b17e4a70008000000000000001:on-ramp")]
    [InlineData(":on-ramp")]
    [InlineData("somebody-elses-reference")]
    public void Text_that_is_not_exactly_a_key_we_write_is_not_read_as_one(string? text)
    {
        Assert.False(RampRequestKey.TryParse(text, out var key));
        Assert.Equal(default, key);
    }
}
