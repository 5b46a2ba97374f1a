using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Payments.Functions.Api.Auth;
using Payments.Functions.Hosting;
using Payments.TestServices;

namespace Payments.Functions.Tests.Hosting;

/// <summary>The real embedded host on a free loopback port over a temp data directory, with test overrides.</summary>
public sealed class TestHost : IAsyncDisposable
{
    public const string Key = "key_host_0123456789";

    private readonly TempDirectory _directory;

    private TestHost(TempDirectory directory, WebApplication app)
    {
        _directory = directory;
        App = app;
        Client = new HttpClient { BaseAddress = new Uri(PaymentsHost.ListeningAddresses(app).Single()) };
        Client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", Key);
    }

    public WebApplication App { get; }

    public HttpClient Client { get; }

    /// <param name="apiKeys">`client:key,…`; by default one client, <c>client_h</c>, holding <see cref="Key"/>.</param>
    public static async Task<TestHost> Start(Action<ServeOptions>? configure = null, Action<IServiceCollection>? overrides = null, string apiKeys = "client_h:" + Key)
    {
        var directory = new TempDirectory();
        var options = new ServeOptions { Urls = "http://127.0.0.1:0", DataDirectory = directory.Path };
        configure?.Invoke(options);
        var app = PaymentsHost.Build(options, ApiKeyRing.FromConfiguration(apiKeys), overrides);
        await app.StartAsync();
        return new TestHost(directory, app);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }
}
