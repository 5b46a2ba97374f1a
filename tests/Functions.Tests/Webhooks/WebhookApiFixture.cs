using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Payments.Application.Webhooks;
using Payments.Application.Webhooks.Deliveries;
using Payments.Application.Webhooks.Sending;
using Payments.Functions.Api.Auth;
using Payments.Functions.Hosting;
using Payments.TestServices;

namespace Payments.Functions.Tests.Webhooks;

/// <summary>
/// The real host on a free 127.0.0.1 port without the insecure-webhooks flag, its webhook sender stopped (nothing is
/// sent anywhere; deliveries are seeded through the store), and one public host name (<see cref="PublicHostResolver"/>)
/// so endpoints can be registered; every other name goes to the system's DNS.
/// </summary>
public sealed class WebhookApiFixture : IAsyncLifetime
{
    public const string KeyA = "key_wh_a_0123456789";
    public const string KeyB = "key_wh_b_0123456789";

    /// <summary>A client of its own for tests that fill its endpoint quota.</summary>
    public const string KeyFull = "key_wh_full_0123456789";

    private readonly TempDirectory _directory = new();
    private readonly TempDirectory _keys = new();
    private WebApplication? _app;

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    public string DataDirectory => _directory.Path;

    public IServiceProvider Services => _app!.Services;

    public async Task InitializeAsync()
    {
        var settings = new ServeOptions { Urls = "http://127.0.0.1:0", DataDirectory = _directory.Path, WebhookKeyFile = _keys.File("webhook-secrets.key") };
        var keys = ApiKeyRing.FromConfiguration($"client_a:{KeyA},client_b:{KeyB},client_full:{KeyFull}");
        _app = PaymentsHost.Build(settings, keys, services =>
        {
            services.AddSingleton(new WebhookAddressPolicy(new PublicHostResolver(), allowInsecure: false));
            WithoutBackgroundServices(services);
        });
        await _app.StartAsync();
        BaseAddress = new Uri(PaymentsHost.ListeningAddresses(_app).Single());
    }

    /// <summary>No worker, router or sender: what these tests read stays as they left it, and nothing is sent.</summary>
    public static void WithoutBackgroundServices(IServiceCollection services)
    {
        foreach (var hosted in services.Where(d => d.ServiceType == typeof(IHostedService)).ToList())
        {
            services.Remove(hosted);
        }
    }

    public HttpClient Client(string? apiKey = KeyA)
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);
        }

        return client;
    }

    /// <summary>Registers an endpoint at <see cref="PublicHostResolver"/>'s host and returns the answer (with its secret).</summary>
    public async Task<JsonElement> CreateEndpoint(string apiKey = KeyA, string body = """{"url":"https://hooks.receiver.example/hook"}""")
    {
        using var http = Client(apiKey);
        using var response = await http.PostAsync(new Uri("/webhook-endpoints", UriKind.Relative), Json(body));
        var answer = await Read(response);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, answer.ToString());
        return answer;
    }

    /// <summary>A PENDING payment of the client behind <paramref name="apiKey"/> (the worker does not run here).</summary>
    public async Task<Guid> CreatePayment(string apiKey = KeyA)
    {
        using var http = Client(apiKey);
        using var response = await http.SendAsync(Api.ApiRequests.Post(Api.ApiRequests.ValidBody, Api.ApiRequests.NewKey()));
        return (await Read(response)).GetProperty("payment_id").GetGuid();
    }

    /// <summary>
    /// Records, through the host's own store, a payment.completed delivery to the endpoint as the sender would have:
    /// attempt 1 answered 500, attempt 2 delivered. Returns the delivery.
    /// </summary>
    public async Task<WebhookDelivery> SeedDelivery(string clientId, string endpointId, Guid paymentId)
    {
        var store = Services.GetRequiredService<IWebhookDeliveryStore>();
        var at = DateTimeOffset.UtcNow;
        var messageId = WebhookIds.ForPaymentEvent(paymentId, 3, WebhookEventTypes.PaymentCompleted);
        await store.AddMessage(new WebhookMessage(messageId, clientId, WebhookEventTypes.PaymentCompleted, paymentId, 3, at, "{}"), CancellationToken.None);
        var opened = await store.OpenDelivery(
            new WebhookDelivery(WebhookIds.Delivery(messageId, endpointId), messageId, endpointId, clientId, WebhookEventTypes.PaymentCompleted, paymentId,
                WebhookDeliveryState.Pending, 0, 0, null, null, at, at, at),
            CancellationToken.None);
        var retry = at.AddSeconds(5);
        var failed = opened with { Attempts = 1, RoundAttempts = 1, LastStatusCode = 500, LastError = "HTTP 500", NextAttemptAt = retry, UpdatedAt = at };
        await store.RecordAttempt(Attempt(failed, 1, at, 500, "HTTP 500", retry), failed, CancellationToken.None);
        var delivered = failed with { State = WebhookDeliveryState.Delivered, Attempts = 2, RoundAttempts = 2, LastStatusCode = 200, LastError = null, NextAttemptAt = null, UpdatedAt = retry };
        await store.RecordAttempt(Attempt(delivered, 2, retry, 200, null, null), delivered, CancellationToken.None);
        return delivered;
    }

    private static WebhookAttempt Attempt(WebhookDelivery delivery, int attempt, DateTimeOffset at, int status, string? error, DateTimeOffset? next) => new(
        delivery.DeliveryId, attempt, delivery.MessageId, delivery.EndpointId, delivery.ClientId, delivery.EventType, delivery.PaymentId,
        at, status, TimeSpan.FromMilliseconds(42), error, next);

    public static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    public static async Task<JsonElement> Read(HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync();
        using var document = JsonDocument.Parse(text.Length == 0 ? "null" : text);
        return document.RootElement.Clone();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        _directory.Dispose();
        _keys.Dispose();
    }
}
