using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Payments.Application.Webhooks;
using Payments.Application.Webhooks.Deliveries;
using Payments.Application.Webhooks.Delivery;
using Payments.Application.Webhooks.Endpoints;
using Payments.Embedded.Webhooks;
using Payments.Functions.Hosting;

namespace Payments.Bench;

/// <summary>
/// `webhooks`: M messages fanned out to E endpoints on an in-process Kestrel receiver on loopback, then timed through
/// the embedded webhook queue, sender loops, signing, HTTP and attempt records until every delivery is delivered.
/// </summary>
internal static class WebhookBenchmark
{
    public static Command CreateCommand()
    {
        var messages = new Option<int>("--messages") { Description = "Webhook messages to send", DefaultValueFactory = _ => 500 };
        var endpoints = new Option<int>("--endpoints") { Description = "Endpoints each message goes to", DefaultValueFactory = _ => 4 };
        var senders = new Option<int[]>("--senders") { Description = "Sender loop counts to measure", DefaultValueFactory = _ => [1, 4, 16], AllowMultipleArgumentsPerToken = true };
        var command = new Command("webhooks", "Webhook deliveries/second through the embedded queue, sender and a loopback receiver") { messages, endpoints, senders };
        command.SetAction(async (parse, ct) =>
        {
            foreach (var loops in parse.GetValue(senders)!)
            {
                Console.WriteLine(await Run(parse.GetValue(messages), parse.GetValue(endpoints), loops, ct));
            }

            return 0;
        });
        return command;
    }

    private static async Task<string> Run(int messageCount, int endpointCount, int senders, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(Path.GetTempPath(), "payments-bench-webhooks-" + Guid.NewGuid().ToString("N"));
        await using var receiver = await StartReceiver(cancellationToken);
        try
        {
            var options = new ServeOptions
            {
                DataDirectory = Path.Combine(directory, "data"),
                WebhookKeyFile = Path.Combine(directory, "webhook.key"),
                WebhookSenders = senders,
                Webhooks = new WebhookOptions { AllowInsecure = true, DeliveriesPerSecond = 10_000 },
            };
            await using var provider = new ServiceCollection().AddEmbeddedColumn(options, reclaimLeasesOnStart: false).BuildServiceProvider();
            var endpoints = await Register(provider.GetRequiredService<WebhookEndpointService>(), PaymentsHost.ListeningAddresses(receiver).Single(), endpointCount, cancellationToken);
            var store = provider.GetRequiredService<SqliteWebhookStore>();
            var fanOut = provider.GetRequiredService<WebhookFanOut>();
            for (var i = 0; i < messageCount; i++)
            {
                var message = await store.AddMessage(Message(i), cancellationToken);
                await fanOut.Queue(message, endpoints, cancellationToken);
            }

            var queue = provider.GetRequiredService<SqliteWebhookQueue>();
            using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            var clock = Stopwatch.StartNew();
            var pump = provider.GetRequiredService<WebhookPump>().Run(senders, stop.Token);
            while (await queue.CountPending(cancellationToken) > 0)
            {
                await Task.Delay(20, cancellationToken);
            }

            var elapsed = clock.Elapsed;
            await stop.CancelAsync();
            await pump;
            var attempts = await store.AttemptsForEndpoint("bench", endpoints[0].EndpointId, messageCount, cancellationToken);
            var latencies = attempts.Select(a => a.Latency.TotalMilliseconds).Order().ToList();
            var deliveries = messageCount * endpointCount;
            return string.Create(
                CultureInfo.InvariantCulture,
                $"webhooks: {deliveries} deliveries ({messageCount} messages × {endpointCount} endpoints) with {senders} sender loop(s) in {elapsed.TotalSeconds:F2} s = {deliveries / elapsed.TotalSeconds:F0} deliveries/s; " +
                $"HTTP latency p50 {Percentile(latencies, 0.5):F0} ms, p99 {Percentile(latencies, 0.99):F0} ms; attempts on one endpoint {attempts.Count}, all 2xx: {attempts.All(a => a.StatusCode is >= 200 and < 300)}");
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<List<WebhookEndpoint>> Register(WebhookEndpointService service, string url, int count, CancellationToken cancellationToken)
    {
        var endpoints = new List<WebhookEndpoint>();
        for (var i = 0; i < count; i++)
        {
            var outcome = await service.Create("bench", new WebhookEndpointDraft($"{url}/hooks/{i}", [], null), cancellationToken);
            endpoints.Add(((EndpointOutcome.Saved)outcome).Endpoint);
        }

        return endpoints;
    }

    private static WebhookMessage Message(int index)
    {
        var at = DateTimeOffset.UtcNow;
        var payload = $$$"""{"type":"payment.completed","timestamp":"{{{at:O}}}","data":{"index":{{{index}}},"status":"COMPLETED","amount":"125.50"}}""";
        return new WebhookMessage(
            WebhookIds.ForEndpointEvent("bench-" + index.ToString(CultureInfo.InvariantCulture), at, WebhookEventTypes.PaymentCompleted),
            "bench", WebhookEventTypes.PaymentCompleted, Guid.NewGuid(), 5, at, payload);
    }

    private static async Task<WebApplication> StartReceiver(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        app.MapPost("/hooks/{id}", () => Results.NoContent());
        await app.StartAsync(cancellationToken);
        return app;
    }

    private static double Percentile(List<double> sorted, double p) => sorted.Count == 0 ? 0 : sorted[(int)Math.Min(sorted.Count - 1, Math.Floor(p * sorted.Count))];
}
