using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Payments.Embedded.EventStore;
using Payments.Functions.Api.Auth;
using Payments.Functions.Hosting;
using Payments.Projections.ReadModel;

namespace Payments.Functions.Tests.Api;

/// <summary>The real host on Kestrel, bound to a free 127.0.0.1 port, over a temporary data directory.</summary>
public sealed class ApiHostFixture : IAsyncLifetime
{
    public const string KeyA = "key_a_0123456789";
    public const string KeyB = "key_b_9876543210";
    public const string KeyAcme = "key_acme_0123456789";
    public const string KeyAcmeEu = "key_acme_eu_0123456789";

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "payments-api-" + Guid.NewGuid().ToString("N"));
    private WebApplication? _app;

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public SqliteEventStore Store => _app!.Services.GetRequiredService<SqliteEventStore>();

    /// <summary>Events in the log; positions have no gaps, so the last position is the count.</summary>
    public long EventCount => Store.LastCommittedPosition;

    public async Task InitializeAsync()
    {
        var settings = new ServeOptions { Urls = "http://127.0.0.1:0", DataDirectory = _dataDirectory };
        var keys = ApiKeyRing.FromConfiguration($"client_a:{KeyA},client_b:{KeyB},acme:{KeyAcme},acme.eu:{KeyAcmeEu}");
        _app = PaymentsHost.Build(settings, keys, services =>
        {
            services.AddSingleton<IPaymentReadModel>(sp => new LogFoldingReadModel(sp.GetRequiredService<SqliteEventStore>()));
            WithoutBackgroundProcessing(services);
        });
        await _app.StartAsync();
        BaseAddress = new Uri(PaymentsHost.ListeningAddresses(_app).Single());
    }

    /// <summary>These tests count events and filter on PENDING, so the worker must not move payments on underneath them.</summary>
    private static void WithoutBackgroundProcessing(IServiceCollection services)
    {
        foreach (var hosted in services.Where(d => d.ServiceType == typeof(IHostedService)).ToList())
        {
            services.Remove(hosted);
        }
    }

    public HttpClient Client(string? apiKey = KeyA)
    {
        // UTF-8 header encoding lets tests send a non-ASCII Idempotency-Key to prove the server refuses it.
        var handler = new SocketsHttpHandler { RequestHeaderEncodingSelector = (_, _) => Encoding.UTF8 };
        var client = new HttpClient(handler) { BaseAddress = BaseAddress };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return client;
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
