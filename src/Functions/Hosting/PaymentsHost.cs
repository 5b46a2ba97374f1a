using System.Text;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Payments.Functions.Api;
using Payments.Functions.Api.Auth;
using Payments.Functions.Api.Feed;
using Payments.Functions.Api.Gateway;
using Payments.Functions.Hosting.Health;
using Payments.Functions.OperatorConsole;
using Payments.Functions.Hosting.Telemetry;

namespace Payments.Functions.Hosting;

/// <summary>
/// The embedded host, composed top to bottom: Kestrel and logging, the HTTP API's platform pieces (authentication,
/// authorization, problem details and the exception handler, OpenAPI, health checks), the embedded column
/// (<see cref="EmbeddedServices"/>), telemetry (<see cref="PaymentsTelemetry"/>), then the endpoints, with the ordered
/// feed that only a log with a global order has, and <c>/metrics</c>.
/// </summary>
public static class PaymentsHost
{
    public const string ReadyTag = "ready";

    /// <summary>The <c>service.name</c> every span and metric of this host carries.</summary>
    public const string ServiceName = "payments";

    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">A setting in <paramref name="options"/> is out of range.</exception>
    public static WebApplication Build(ServeOptions options, ApiKeyRing keys, Action<IServiceCollection>? overrides = null, bool ownsDataDirectory = false)
    {
        ArgumentNullException.ThrowIfNull(options);
        PaymentsConfiguration.Validate(options);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls(options.Urls);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 1024 * 1024;
            // Decode headers as UTF-8 so a non-ASCII Idempotency-Key reaches validation and gets a reason, not a bare 400.
            kestrel.RequestHeaderEncodingSelector = _ => Encoding.UTF8;
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(json =>
        {
            json.UseUtcTimestamp = true;
            json.IncludeScopes = true;
        });
        PaymentsTelemetry.WithTraceIds(builder.Logging);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);

        var services = builder.Services;
        services.AddSingleton(options);
        services.AddSingleton(options.Health);
        services.AddPaymentsApi(keys);
        services.AddGatewayDuties(options.RequestTimeout).AddClientRateLimits(options.RateLimit).AddAllowedOrigins(options.Cors);
        services.AddHealthChecks()
            .AddCheck<DataDirectoryWritableCheck>("data-directory", tags: [ReadyTag])
            .AddCheck<ConsumerLagCheck>("log-consumers", tags: [ReadyTag])
            .AddCheck<EventStoreFaultCheck>("event-store", tags: [ReadyTag]);
        services.AddEmbeddedColumn(options, reclaimLeasesOnStart: ownsDataDirectory);
        services.AddOperatorConsole(Path.Combine(options.DataDirectory, "console-keys"));
        services.AddPaymentsTelemetry(options.Telemetry, ServiceName);
        if (options.Telemetry.Prometheus || options.Telemetry.OtlpAddress is not null)
        {
            services.AddSingleton<ColumnGauges>();
            services.AddHostedService(sp => sp.GetRequiredService<ColumnGauges>());
        }

        overrides?.Invoke(services);

        var app = builder.Build();
        app.UsePaymentsApi(endpoints =>
        {
            endpoints.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = HealthReportWriter.Write });
            endpoints.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(ReadyTag), ResponseWriter = HealthReportWriter.Write });
            endpoints.MapEventFeed();
            endpoints.MapOperatorConsole();
            PaymentsTelemetry.MapMetrics(endpoints, options.Telemetry);
        });
        app.Lifetime.ApplicationStarted.Register(() => AnnounceListening(app, options));
        return app;
    }

    public static IReadOnlyList<string> ListeningAddresses(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];

    private static void AnnounceListening(WebApplication app, ServeOptions options)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Payments.Host");
        var urls = string.Join(", ", ListeningAddresses(app));
        var dataDirectory = Path.GetFullPath(options.DataDirectory);
        HostLog.Listening(logger, urls, dataDirectory);
    }
}
