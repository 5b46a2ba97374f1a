using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using Payments.Application.Webhooks;
using Payments.Application.Webhooks.Deliveries;
using Payments.Application.Webhooks.Delivery;
using Payments.Application.Webhooks.Endpoints;
using Payments.Application.Webhooks.Replay;
using Payments.Application.Webhooks.Sending;
using Payments.Embedded.Webhooks;
using Payments.TestServices;

namespace Payments.Application.Tests.Webhooks;

/// <summary>
/// The webhook pipeline as the embedded column wires it, on one fake clock: the SQLite ledger, endpoint and delivery
/// store, webhook queue and key-file cipher, the real HTTP transport (to loopback receivers) and the pump.
/// </summary>
internal sealed class WebhookRig : IAsyncDisposable
{
    private WebhookRig(LedgerFixture ledger, WebhookOptions options, IWebhookHostResolver? resolver)
    {
        Ledger = ledger;
        Options = options;
        Store = SqliteWebhookStore.Open(ledger.Directory.File("webhooks.db"));
        Queue = SqliteWebhookQueue.Open(ledger.Directory.File("webhook-jobs.db"), Time, new EmbeddedWebhookQueueOptions { MaxReceives = options.MaxAttempts });
        var cipher = KeyFileSecretCipher.OpenOrCreate(Path.Combine(ledger.Directory.Path, "keys", "webhook.key"), Path.Combine(ledger.Directory.Path, "data"));
        var policy = new WebhookAddressPolicy(resolver ?? new DnsHostResolver(), options.AllowInsecure);
        Transport = new HttpWebhookTransport(policy, options, TimeProvider.System);
        Endpoints = new WebhookEndpointService(Store, cipher, policy, options, Time);
        FanOut = new WebhookFanOut(ledger.Store, Store, Store, Queue, Time, NullLogger<WebhookFanOut>.Instance);
        var health = new EndpointHealth(Endpoints, Store, Store, FanOut, options, NullLogger<EndpointHealth>.Instance);
        Throttle = new EndpointThrottle(options, Time);
        Sender = new WebhookSender(
            Store, Store, Endpoints, health, Throttle, Transport, new WebhookRetryPolicy(options, new Random(11)), options, Time, NullLogger<WebhookSender>.Instance);
        var recovery = new WebhookRecovery(Store, Store, FanOut, Queue, Time, NullLogger<WebhookRecovery>.Instance);
        Pump = new WebhookPump(Queue, new WebhookMessageHandler(FanOut, Sender, recovery, NullLogger<WebhookMessageHandler>.Instance), Time, NullLogger<WebhookPump>.Instance);
        Replay = new WebhookReplay(Store, Store, Queue, Time);
    }

    public LedgerFixture Ledger { get; }

    public FakeTimeProvider Time => Ledger.Time;

    public WebhookOptions Options { get; }

    public SqliteWebhookStore Store { get; }

    public SqliteWebhookQueue Queue { get; }

    public HttpWebhookTransport Transport { get; }

    public EndpointThrottle Throttle { get; }

    public WebhookEndpointService Endpoints { get; }

    public WebhookFanOut FanOut { get; }

    public WebhookSender Sender { get; }

    public WebhookPump Pump { get; }

    public WebhookReplay Replay { get; }

    public static WebhookRig Start(WebhookOptions? options = null, IWebhookHostResolver? resolver = null) =>
        new(LedgerFixture.Create(), options ?? new WebhookOptions { AllowInsecure = true }, resolver);

    public Task<(WebhookEndpoint Endpoint, string Secret)> Register(string clientId, RawHttpReceiver receiver, params string[] eventTypes) =>
        Register(clientId, new Uri($"http://127.0.0.1:{receiver.Port}/hook"), eventTypes);

    public async Task<(WebhookEndpoint Endpoint, string Secret)> Register(string clientId, Uri url, params string[] eventTypes)
    {
        var outcome = await Endpoints.Create(clientId, new WebhookEndpointDraft(url.ToString(), eventTypes, null), CancellationToken.None);
        var saved = Assert.IsType<EndpointOutcome.Saved>(outcome);
        return (saved.Endpoint, saved.Secret!);
    }

    /// <summary>A stored message for the client, fanned out to every endpoint of the client that wants its type.</summary>
    public async Task<WebhookMessage> Publish(string clientId, string eventType = WebhookEventTypes.PaymentCompleted)
    {
        var at = Time.GetUtcNow();
        var message = await Store.AddMessage(
            new WebhookMessage(WebhookIds.ForEndpointEvent("test-" + Guid.NewGuid().ToString("N"), at, eventType), clientId, eventType, Guid.NewGuid(), 3, at, $$$"""{"type":"{{{eventType}}}","data":{}}"""),
            CancellationToken.None);
        var endpoints = (await Store.ListFor(clientId, CancellationToken.None)).Where(e => e.Enabled && e.Wants(eventType));
        await FanOut.Queue(message, endpoints, CancellationToken.None);
        return message;
    }

    /// <summary>Handles batches until none is visible now; the number of messages handled.</summary>
    public async Task<int> Drain()
    {
        var total = 0;
        int handled;
        while ((handled = await Pump.ProcessNext(TimeSpan.Zero, CancellationToken.None)) > 0)
        {
            total += handled;
        }

        return total;
    }

    public Task<WebhookDelivery?> Delivery(WebhookMessage message, WebhookEndpoint endpoint) =>
        Store.FindDelivery(WebhookIds.Delivery(message.MessageId, endpoint.EndpointId), CancellationToken.None);

    public Task<IReadOnlyList<WebhookAttempt>> Attempts(WebhookMessage message, WebhookEndpoint endpoint) =>
        Store.AttemptsForDelivery(WebhookIds.Delivery(message.MessageId, endpoint.EndpointId), CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        Transport.Dispose();
        await Queue.DisposeAsync();
        await Store.DisposeAsync();
        await Ledger.DisposeAsync();
    }
}
