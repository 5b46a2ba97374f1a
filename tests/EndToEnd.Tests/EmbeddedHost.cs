using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Payments.Functions.Api.Auth;
using Payments.Functions.Hosting;
using Payments.Application.Ramps.Sandbox;
using Payments.Application.Sweeping;
using Payments.Application.Webhooks;
using Payments.Embedded.Ramps;

namespace Payments.EndToEnd.Tests;

/// <summary>The one-process embedded host (API, dispatcher, worker, mock ramps) on a free 127.0.0.1 port.</summary>
internal sealed class EmbeddedHost : IAsyncDisposable
{
    private const string ApiKey = "e2e_key_0123456789";
    private static readonly string[] TerminalStatuses = ["COMPLETED", "FAILED"];

    private readonly string _dataDirectory;
    private readonly WebApplication _app;

    private EmbeddedHost(string dataDirectory, WebApplication app)
    {
        _dataDirectory = dataDirectory;
        _app = app;
        Client = new HttpClient { BaseAddress = new Uri(PaymentsHost.ListeningAddresses(app).Single()) };
        Client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", ApiKey);
    }

    public HttpClient Client { get; }

    public RampTransactionLog Ramps => _app.Services.GetRequiredService<RampTransactionLog>();

    public static string NewDataDirectory() => Path.Combine(Path.GetTempPath(), "payments-e2e-" + Guid.NewGuid().ToString("N"));

    public static async Task<EmbeddedHost> Start(
        double rampFailureRate, int? rampSeed = null, string? dataDirectory = null, Action<IServiceCollection, string>? overrides = null)
    {
        dataDirectory ??= NewDataDirectory();
        var settings = new ServeOptions
        {
            Urls = "http://127.0.0.1:0",
            DataDirectory = dataDirectory,
            Ramps = new MockRampOptions { FailureRate = rampFailureRate, Seed = rampSeed },

            // Stalled payments (a job dead-lettered with its reversal still owed) are swept within seconds, not minutes.
            Sweeper = new SweeperOptions { StallAfter = TimeSpan.FromSeconds(5), Interval = TimeSpan.FromSeconds(1) },

            // Receivers are loopback processes; the sealing key sits beside the data directory, never inside it.
            Webhooks = new WebhookOptions { AllowInsecure = true },
            WebhookKeyFile = dataDirectory + ".webhook.key",
        };
        var app = PaymentsHost.Build(settings, ApiKeyRing.FromConfiguration($"e2e:{ApiKey}"), services => overrides?.Invoke(services, dataDirectory));
        await app.StartAsync();
        return new EmbeddedHost(dataDirectory, app);
    }

    /// <summary>POSTs a payment and returns its id from the 202.</summary>
    public async Task<Guid> Pay(decimal amount, string currency = "EUR")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/payments")
        {
            Content = new StringContent(
                $$"""{"amount":{{amount.ToString(System.Globalization.CultureInfo.InvariantCulture)}},"currency":"{{currency}}","source_account":"DE89370400440532013000","destination_account":"MX-CLABE-032180000118359719"}""",
                Encoding.UTF8,
                "application/json"),
        };
        request.Headers.Add("Idempotency-Key", "e2e-" + Guid.NewGuid().ToString("N"));
        using var response = await Client.SendAsync(request);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("payment_id").GetGuid();
    }

    public async Task<JsonElement> Get(Guid id)
    {
        using var response = await Client.GetAsync($"/payments/{id}");
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.Clone();
    }

    /// <summary>Polls GET /payments/{id} until the payment is terminal; the bound only turns a hang into a failure.</summary>
    public async Task<JsonElement> AwaitTerminal(Guid id)
    {
        for (var poll = 0; poll < 1200; poll++)
        {
            using var response = await Client.GetAsync($"/payments/{id}");
            response.EnsureSuccessStatusCode();
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            if (TerminalStatuses.Contains(body.RootElement.GetProperty("status").GetString()))
            {
                return body.RootElement.Clone();
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Payment {id} did not reach a terminal status.");
    }

    /// <summary>Stops the host but keeps its files, like a process that died: the next host reopens them.</summary>
    public async Task Stop()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    public async ValueTask DisposeAsync()
    {
        await Stop();
        Directory.Delete(_dataDirectory, recursive: true);
    }
}
