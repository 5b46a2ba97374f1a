using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using Payments.Functions.Hosting.Telemetry;

namespace Payments.Functions.Lambda.Runtime;

/// <summary>
/// A function's OTLP export, when <c>PAYMENTS_TELEMETRY__OTLPENDPOINT</c> is set: the same sources, meters and
/// instrumentation as `serve`. Lambda freezes the process between invocations, so each invocation flushes what it
/// recorded before it answers; without an endpoint nothing is registered and nothing is traced.
/// </summary>
internal sealed class LambdaTelemetry : IDisposable
{
    private const int FlushMilliseconds = 2000;

    private readonly TracerProvider? _tracing;
    private readonly MeterProvider? _metrics;

    private LambdaTelemetry(TracerProvider? tracing, MeterProvider? metrics)
    {
        _tracing = tracing;
        _metrics = metrics;
    }

    public static LambdaTelemetry Start(TelemetryOptions options, string function)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.OtlpAddress is not { } endpoint)
        {
            return new LambdaTelemetry(null, null);
        }

        var resource = ResourceBuilder.CreateDefault().AddService("payments-" + function);
        var tracing = PaymentsTelemetry.Instrument(Sdk.CreateTracerProviderBuilder().SetResourceBuilder(resource))
            .AddOtlpExporter(o => PaymentsTelemetry.Point(o, endpoint, options, "v1/traces"))
            .Build();
        var metrics = PaymentsTelemetry.Measure(Sdk.CreateMeterProviderBuilder().SetResourceBuilder(resource))
            .AddOtlpExporter(o => PaymentsTelemetry.Point(o, endpoint, options, "v1/metrics"))
            .Build();
        return new LambdaTelemetry(tracing, metrics);
    }

    /// <summary>The handler, flushing spans and metrics after every invocation, answered or failed.</summary>
    public Func<string, CancellationToken, Task<string>> Around(Func<string, CancellationToken, Task<string>> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        if (_tracing is null && _metrics is null)
        {
            return handler;
        }

        return async (json, ct) =>
        {
            try
            {
                return await handler(json, ct).ConfigureAwait(false);
            }
            finally
            {
                _tracing?.ForceFlush(FlushMilliseconds);
                _metrics?.ForceFlush(FlushMilliseconds);
            }
        };
    }

    public void Dispose()
    {
        _tracing?.Dispose();
        _metrics?.Dispose();
    }
}
