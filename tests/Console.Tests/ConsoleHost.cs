using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Payments.Application.Ramps.Sandbox;
using Payments.Application.Webhooks;
using Payments.Embedded.Ramps;
using Payments.Functions.Api.Auth;
using Payments.Functions.Hosting;
using Payments.TestServices;

namespace Payments.Console.Tests;

/// <summary>
/// One embedded host (API, worker, webhooks, audit log, console) on a free loopback port, a webhook receiver, and one
/// headless Debian Chromium shared by the collection's tests; keys for two clients and one key per other role.
/// </summary>
public sealed class ConsoleHost : IAsyncLifetime
{
    public const string AcmeKey = "console_acme_0123456789";
    public const string OtherKey = "console_other_0123456789";
    public const string OperatorKey = "console_ops_0123456789";
    public const string AuditorKey = "console_audit_0123456789";
    public const string FinanceKey = "console_books_0123456789";

    private const string Chromium = "/usr/lib/chromium/chromium";
    private static readonly string[] TerminalStatuses = ["COMPLETED", "FAILED"];

    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "payments-console-" + Guid.NewGuid().ToString("N"));
    private WebApplication? _app;
    private IPlaywright? _playwright;

    public WebhookReceiver Receiver { get; } = new();

    public IBrowser Browser { get; private set; } = default!;

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public RampTransactionLog Ramps => _app!.Services.GetRequiredService<RampTransactionLog>();

    public static string Screenshots { get; } = Path.Combine(AppContext.BaseDirectory, "TestResults", "console-screenshots");

    public async Task InitializeAsync()
    {
        await Receiver.InitializeAsync();
        var settings = new ServeOptions
        {
            Urls = "http://127.0.0.1:0",
            DataDirectory = _dataDirectory,
            Ramps = new MockRampOptions { FailureRate = 0 },
            Webhooks = new WebhookOptions { AllowInsecure = true, MaxAttempts = 2, RetrySchedule = [TimeSpan.FromMilliseconds(200)] },
            WebhookKeyFile = _dataDirectory + ".webhook.key",
            AuditKeyFile = _dataDirectory + ".audit.key",
        };
        var keys = ApiKeyRing.FromConfiguration(
            $"acme:{AcmeKey},other:{OtherKey},ops:{OperatorKey}:operator,audit:{AuditorKey}:auditor,books:{FinanceKey}:finance");
        _app = PaymentsHost.Build(settings, keys);
        await _app.StartAsync();
        BaseAddress = new Uri(PaymentsHost.ListeningAddresses(_app).Single());

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"],
        });
        Directory.CreateDirectory(Screenshots);
    }

    public HttpClient Api(string key)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>A fresh browser context (no cookies) signed in with <paramref name="key"/>, on the page sign-in leads to.</summary>
    public async Task<IPage> SignedIn(string key, string viewport = "laptop")
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            BypassCSP = true, // axe is injected as an inline script, which the console's own policy forbids
            ViewportSize = viewport == "phone" ? new ViewportSize { Width = 390, Height = 844 } : new ViewportSize { Width = 1366, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        await page.GotoAsync("/console/sign-in");
        await page.GetByLabel("API key").FillAsync(key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/sign-in", StringComparison.Ordinal));
        return page;
    }

    public static async Task Screenshot(IPage page, string scenario) =>
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Screenshots, scenario + ".png"), FullPage = true });

    public async Task<Guid> Pay(string key, decimal amount, string currency = "EUR")
    {
        using var api = Api(key);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/payments")
        {
            Content = new StringContent(
                $$"""{"amount":{{amount.ToString(CultureInfo.InvariantCulture)}},"currency":"{{currency}}","source_account":"DE89370400440532013000","destination_account":"MX-CLABE-032180000118359719"}""",
                Encoding.UTF8,
                "application/json"),
        };
        request.Headers.Add("Idempotency-Key", "console-" + Guid.NewGuid().ToString("N"));
        using var response = await api.SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("payment_id").GetGuid();
    }

    public async Task AwaitTerminal(string key, Guid id)
    {
        using var api = Api(key);
        for (var poll = 0; poll < 300; poll++)
        {
            using var body = JsonDocument.Parse(await api.GetStringAsync($"/payments/{id}"));
            if (TerminalStatuses.Contains(body.RootElement.GetProperty("status").GetString()))
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"Payment {id} did not reach a terminal status.");
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
        {
            await Browser.CloseAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        await Receiver.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_dataDirectory, recursive: true);
        foreach (var key in new[] { ".webhook.key", ".audit.key" })
        {
            File.Delete(_dataDirectory + key);
        }
    }
}
