using Payments.Embedded;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Payments.EventStore.Contract;
using Payments.Embedded.EventStore;
using Payments.Functions.Api;
using Payments.Functions.Api.Auth;
using Payments.Application.Ledger;

namespace Payments.Functions.Hosting;

/// <summary>
/// The whole system in one process on the embedded default: the HTTP API over the SQLite event
/// store, plus every background component registered in <see cref="EmbeddedServices"/>.
/// </summary>
public static class PaymentsHost
{
    public static WebApplication Build(ServeSettings settings, ApiKeyRing keys, Action<IServiceCollection>? overrides = null)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.WebHost.UseUrls(settings.Urls);
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestBodySize = 1024 * 1024;
            // Decode headers as UTF-8 so a non-ASCII Idempotency-Key reaches validation and gets a reason, not a bare 400.
            kestrel.RequestHeaderEncodingSelector = _ => Encoding.UTF8;
        });
        builder.Logging.ClearProviders();
        builder.Logging.AddJsonConsole(json => json.UseUtcTimestamp = true);
        builder.Logging.AddFilter("Microsoft", LogLevel.Warning);

        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default));
        builder.Services.AddOpenApi();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton(keys);
        builder.Services.AddSingleton<ApiKeyEndpointFilter>();
        builder.Services.AddSingleton(sp => SqliteEventStore.Open(new DataDirectoryLayout(settings.DataDirectory).Events, sp.GetRequiredService<TimeProvider>()));
        builder.Services.AddSingleton<IEventStore>(sp => sp.GetRequiredService<SqliteEventStore>());
        builder.Services.AddSingleton<IAppendNotifier>(sp => sp.GetRequiredService<SqliteEventStore>());
        builder.Services.AddSingleton<PaymentLedger>();
        EmbeddedServices.Add(builder.Services, settings);
        overrides?.Invoke(builder.Services);

        var app = builder.Build();
        app.MapOpenApi();
        app.MapPaymentEndpoints();
        app.Lifetime.ApplicationStarted.Register(() => AnnounceListening(app, settings));
        return app;
    }

    private static void AnnounceListening(WebApplication app, ServeSettings settings)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Payments.Host");
        var urls = string.Join(", ", ListeningAddresses(app));
        var dataDirectory = Path.GetFullPath(settings.DataDirectory);
        HostLog.Listening(logger, urls, dataDirectory);
    }

    public static IReadOnlyList<string> ListeningAddresses(WebApplication app) =>
        app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.ToList() ?? [];
}
