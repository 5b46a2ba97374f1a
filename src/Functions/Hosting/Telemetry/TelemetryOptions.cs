using System.ComponentModel.DataAnnotations;

namespace Payments.Functions.Hosting.Telemetry;

/// <summary>
/// Where telemetry goes: traces, metrics and logs to an OTLP collector when <see cref="OtlpEndpoint"/> is set (off by
/// default: nothing is traced then), and metrics on the host's own <c>/metrics</c> for Prometheus to scrape (on by
/// default for `serve`). <c>PAYMENTS_TELEMETRY__OTLPENDPOINT</c>, <c>PAYMENTS_TELEMETRY__PROMETHEUS</c>.
/// </summary>
public sealed class TelemetryOptions
{
    /// <summary>The collector's base address, e.g. <c>http://127.0.0.1:4317</c> (gRPC) or <c>:4318</c> with <see cref="OtlpProtocol"/> http/protobuf.</summary>
    [RegularExpression(@"^https?://[^\s/:?#]+(:[0-9]{1,5})?(/\S*)?$", ErrorMessage = "{0} must be an absolute http or https address.")]
    public string? OtlpEndpoint { get; set; }

    /// <summary><c>grpc</c> (OTLP's default) or <c>http/protobuf</c>.</summary>
    [RegularExpression("^(grpc|http/protobuf)$", ErrorMessage = "{0} must be grpc or http/protobuf.")]
    public string OtlpProtocol { get; set; } = "grpc";

    /// <summary>Serve <c>/metrics</c> (Prometheus text) on the host's own port, without an API key, like <c>/health</c>.</summary>
    public bool Prometheus { get; set; } = true;

    public Uri? OtlpAddress => string.IsNullOrWhiteSpace(OtlpEndpoint) ? null : new Uri(OtlpEndpoint, UriKind.Absolute);
}
