using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Payments.Functions.Hosting;
using Payments.Functions.Lambda.Runtime;

namespace Payments.Functions.Tests.Lambda.Runtime;

public sealed class CloudTelemetrySettingsTests
{
    [Fact]
    public void Function_reads_its_otlp_collector_from_the_variable_the_topology_sets()
    {
        var settings = CloudOptions.From(Environment(("PAYMENTS_TELEMETRY__OTLPENDPOINT", "http://127.0.0.1:4317")));

        Assert.Equal(new Uri("http://127.0.0.1:4317"), settings.Telemetry.OtlpAddress);
    }

    [Fact]
    public void Function_without_a_collector_exports_nothing_and_a_malformed_one_is_refused()
    {
        Assert.Null(CloudOptions.From(Environment()).Telemetry.OtlpAddress);
        Assert.Throws<ValidationException>(() => CloudOptions.From(Environment(("PAYMENTS_TELEMETRY__OTLPENDPOINT", "collector:4317"))));
    }

    /// <summary>The function's environment as <c>payments lambda</c> reads it: <c>PAYMENTS_</c> variables, prefix removed, <c>__</c> as sections.</summary>
    private static IConfiguration Environment(params (string Name, string Value)[] variables) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(variables.Select(v => new KeyValuePair<string, string?>(
                v.Name[PaymentsConfiguration.EnvironmentPrefix.Length..].Replace("__", ":", StringComparison.Ordinal), v.Value)))
            .Build();
}
