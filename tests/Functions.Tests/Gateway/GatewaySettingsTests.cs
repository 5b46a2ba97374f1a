using Microsoft.Extensions.Options;
using Payments.Functions.Hosting;

namespace Payments.Functions.Tests.Gateway;

public sealed class GatewaySettingsTests
{
    [Theory]
    [InlineData("RATELIMIT:PERMITSPERSECOND", "0", "PAYMENTS_RATELIMIT__PERMITSPERSECOND")]
    [InlineData("RATELIMIT:BURST", "-1", "PAYMENTS_RATELIMIT__BURST")]
    [InlineData("RATELIMIT:ANONYMOUS:PERMITSPERSECOND", "0", "PAYMENTS_RATELIMIT__ANONYMOUS__PERMITSPERSECOND")]
    [InlineData("RATELIMIT:CLIENTS:shop:PERMITSPERSECOND", "0", "PAYMENTS_RATELIMIT__CLIENTS__shop__PERMITSPERSECOND")]
    [InlineData("RATELIMIT:CLIENTS:shop:BURST", "0", "PAYMENTS_RATELIMIT__CLIENTS__shop__BURST")]
    [InlineData("CORS:ALLOWEDORIGINS", "https://dashboard.example/app", "PAYMENTS_CORS__ALLOWEDORIGINS")]
    [InlineData("CORS:ALLOWEDORIGINS", "dashboard.example", "PAYMENTS_CORS__ALLOWEDORIGINS")]
    [InlineData("REQUESTTIMEOUT", "00:00:00", "PAYMENTS_REQUESTTIMEOUT")]
    public void Invalid_gateway_setting_is_refused_naming_it(string key, string value, string named)
    {
        var error = Assert.Throws<OptionsValidationException>(() => PaymentsConfiguration.Serve(PaymentsConfiguration.Build([new(key, value)])));

        Assert.Contains(named, string.Join("\n", error.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void Defaults_leave_the_benchmark_unthrottled_and_cors_off()
    {
        var options = PaymentsConfiguration.Serve(PaymentsConfiguration.Build([]));

        Assert.True(options.RateLimit.Enabled);
        Assert.Equal((5_000, 10_000), (options.RateLimit.PermitsPerSecond, options.RateLimit.For("bench").BucketSize));
        Assert.Empty(options.Cors.Origins);
        Assert.Equal(TimeSpan.FromSeconds(10), options.RequestTimeout);
    }

    [Fact]
    public void Per_client_overrides_and_origins_bind_from_their_variables()
    {
        var options = PaymentsConfiguration.Serve(PaymentsConfiguration.Build(
        [
            new("RATELIMIT:CLIENTS:shop:PERMITSPERSECOND", "20"),
            new("CORS:ALLOWEDORIGINS", "https://dashboard.example, http://localhost:3000"),
            new("REQUESTTIMEOUT", "00:00:02"),
        ]));

        Assert.Equal((20, 40), (options.RateLimit.For("shop").PermitsPerSecond, options.RateLimit.For("shop").BucketSize));
        Assert.Equal(5_000, options.RateLimit.For("Shop").PermitsPerSecond);
        Assert.Equal(["https://dashboard.example", "http://localhost:3000"], options.Cors.Origins);
        Assert.Equal(TimeSpan.FromSeconds(2), options.RequestTimeout);
    }
}
