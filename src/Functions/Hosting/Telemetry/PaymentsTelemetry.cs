using OpenTelemetry.Exporter;
using OpenTelemetry.Logs;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Payments.Functions.Hosting.Telemetry;

/// <summary>
/// OpenTelemetry wired once for every host: our sources and meters (all named <c>Payments.*</c>), ASP.NET Core and
/// HttpClient instrumentation, OTLP when an endpoint is configured, Prometheus when asked. Tracing is registered only
/// when something exports it, so with OTLP off no span is ever created (the sources see no listener).
/// </summary>
public static class PaymentsTelemetry
{
    /// <summary>Every ActivitySource and Meter of ours starts with this.</summary>
    public const string Names = "Payments.*";

    public const string MetricsPath = "/metrics";

    /// <summary>Our sources plus the framework's request and client spans; the one list every tracer provider uses.</summary>
    public static TracerProviderBuilder Instrument(TracerProviderBuilder tracing)
    {
        ArgumentNullException.ThrowIfNull(tracing);
        return tracing
            .AddSource(Names)
            .AddAspNetCoreInstrumentation(o => o.Filter = http => !IsScrapeOrProbe(http.Request.Path))
            .AddHttpClientInstrumentation();
    }

    public static MeterProviderBuilder Measure(MeterProviderBuilder metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return metrics.AddMeter(Names).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation();
    }

    /// <summary>Logs carry the trace and span ids of the span they were written in (as a JSON console scope).</summary>
    public static ILoggingBuilder WithTraceIds(ILoggingBuilder logging)
    {
        ArgumentNullException.ThrowIfNull(logging);
        logging.Configure(o => o.ActivityTrackingOptions = ActivityTrackingOptions.TraceId | ActivityTrackingOptions.SpanId);
        return logging;
    }

    public static IServiceCollection AddPaymentsTelemetry(this IServiceCollection services, TelemetryOptions options, string serviceName)
    {
        ArgumentNullException.ThrowIfNull(options);
        var otlp = options.OtlpAddress;
        var telemetry = services.AddOpenTelemetry().ConfigureResource(r => r.AddService(serviceName));
        if (otlp is not null || options.Prometheus)
        {
            telemetry.WithMetrics(metrics =>
            {
                Measure(metrics);
                if (options.Prometheus)
                {
                    metrics.AddPrometheusExporter();
                }

                if (otlp is not null)
                {
                    metrics.AddOtlpExporter(o => Point(o, otlp, options, "v1/metrics"));
                }
            });
        }

        if (otlp is not null)
        {
            telemetry
                .WithTracing(tracing => Instrument(tracing).AddOtlpExporter(o => Point(o, otlp, options, "v1/traces")))
                .WithLogging(logging => logging.AddOtlpExporter(o => Point(o, otlp, options, "v1/logs")));
        }

        return services;
    }

    /// <summary>Maps <c>/metrics</c> when Prometheus is on: no API key, like the health probes.</summary>
    public static void MapMetrics(WebApplication app, TelemetryOptions options)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(options);
        if (options.Prometheus)
        {
            app.MapPrometheusScrapingEndpoint(MetricsPath).AllowAnonymous();
        }
    }

    /// <summary>OTLP over HTTP wants the signal's own path; gRPC the bare address.</summary>
    public static void Point(OtlpExporterOptions exporter, Uri endpoint, TelemetryOptions options, string signalPath)
    {
        ArgumentNullException.ThrowIfNull(exporter);
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(options);
        var http = options.OtlpProtocol == "http/protobuf";
        exporter.Protocol = http ? OtlpExportProtocol.HttpProtobuf : OtlpExportProtocol.Grpc;
        exporter.Endpoint = http ? new Uri(endpoint, signalPath) : endpoint;
    }

    private static bool IsScrapeOrProbe(PathString path) =>
        path.StartsWithSegments(MetricsPath, StringComparison.Ordinal) || path.StartsWithSegments("/health", StringComparison.Ordinal);
}
