using Microsoft.Extensions.Options;
using Payments.Functions.Hosting;

namespace Payments.Functions.Tests.Hosting;

public sealed class ServeOptionsTests
{
    [Theory]
    [InlineData("WORKER:CONCURRENCY", "0", "PAYMENTS_WORKER__CONCURRENCY")]
    [InlineData("WORKER:RAMPATTEMPTS", "99", "PAYMENTS_WORKER__RAMPATTEMPTS")]
    [InlineData("RAMPS:FAILURERATE", "1.5", "PAYMENTS_RAMPS__FAILURERATE")]
    [InlineData("HEALTH:MAXCONSUMERLAG", "00:00:00", "PAYMENTS_HEALTH__MAXCONSUMERLAG")]
    [InlineData("DATA_DIR", "", "PAYMENTS_DATA_DIR")]
    [InlineData("TELEMETRY:OTLPENDPOINT", "ftp://127.0.0.1:4317", "PAYMENTS_TELEMETRY__OTLPENDPOINT")]
    [InlineData("TELEMETRY:OTLPENDPOINT", "collector:4317", "PAYMENTS_TELEMETRY__OTLPENDPOINT")]
    [InlineData("TELEMETRY:OTLPPROTOCOL", "udp", "PAYMENTS_TELEMETRY__OTLPPROTOCOL")]
    public void Out_of_range_setting_is_refused_with_a_message_naming_it(string key, string value, string named)
    {
        var error = Assert.Throws<OptionsValidationException>(() => PaymentsConfiguration.Serve(PaymentsConfiguration.Build([new(key, value)])));

        Assert.Contains(named, string.Join("\n", error.Failures), StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_setting_is_refused_with_the_key_and_value()
    {
        var error = Assert.Throws<OptionsValidationException>(() => PaymentsConfiguration.Serve(PaymentsConfiguration.Build([new("WORKER:RAMPBACKOFF", "banana")])));

        var message = string.Join("\n", error.Failures);
        Assert.Contains("RAMPBACKOFF", message, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("banana", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Command_line_and_sections_bind_onto_the_options()
    {
        var options = PaymentsConfiguration.Serve(PaymentsConfiguration.Build(
            [new("DATA_DIR", "/tmp/x"), new("WORKER:CONCURRENCY", "256"), new("WORKER:RAMPBACKOFF", "00:00:00.050"), new("RAMPS:SEED", "7")]));

        Assert.Equal(("/tmp/x", 256, TimeSpan.FromMilliseconds(50), 7), (options.DataDirectory, options.Worker.Concurrency, options.Worker.RampBackoff, options.Ramps.Seed));
    }
}
