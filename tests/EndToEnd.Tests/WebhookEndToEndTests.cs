using System.Net;
using System.Text.Json;
using Payments.TestServices;

namespace Payments.EndToEnd.Tests;

/// <summary>
/// A payment through `serve`'s composition to a loopback receiver that checks every signature with the Standard
/// Webhooks reference verifier (npm <c>standardwebhooks</c>), not with our code.
/// </summary>
public sealed class WebhookEndToEndTests : IClassFixture<WebhookReceiver>
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);
    private readonly WebhookReceiver _receiver;

    public WebhookEndToEndTests(WebhookReceiver receiver) => _receiver = receiver;

    [Fact]
    public async Task A_completed_payment_reaches_the_receiver_signed_in_order_and_a_redelivery_keeps_its_webhook_id()
    {
        await using var host = await EmbeddedHost.Start(rampFailureRate: 0);
        var path = "/hooks/" + Guid.NewGuid().ToString("N");
        var secret = await Register(host, path, ["payment.processing", "payment.completed"]);
        await _receiver.SetSecrets(secret);

        var paymentId = await host.Pay(125.50m);
        var received = await _receiver.WaitFor(path, 2, Patience);

        Assert.All(received, r => Assert.True(r.Verified, string.Join("; ", r.Verifications)));
        var bodies = received.Select(r => JsonDocument.Parse(r.Body).RootElement).ToList();
        Assert.Equal(["payment.completed", "payment.processing"], bodies.Select(b => b.GetProperty("type").GetString()).Order());
        var completed = bodies.Single(b => b.GetProperty("type").GetString() == "payment.completed");
        var data = completed.GetProperty("data");
        Assert.Equal(paymentId, data.GetProperty("payment_id").GetGuid());
        Assert.Equal("COMPLETED", data.GetProperty("status").GetString());
        Assert.Equal("125.50", data.GetProperty("amount").GetString());
        Assert.Equal(await VersionOf(host, paymentId, "PaymentCompleted"), data.GetProperty("sequence").GetInt64());
        var processing = bodies.Single(b => b.GetProperty("type").GetString() == "payment.processing");
        Assert.True(processing.GetProperty("data").GetProperty("sequence").GetInt64() < data.GetProperty("sequence").GetInt64());

        var webhookId = received.Single(r => r.Body.Contains("payment.completed", StringComparison.Ordinal)).Header("webhook-id");
        var delivery = await DeliveryOf(host, paymentId, webhookId!);
        Assert.Equal("delivered", delivery.GetProperty("state").GetString());
        using var redeliver = await host.Client.PostAsync($"/webhook-deliveries/{delivery.GetProperty("id").GetString()}/redeliver", null);
        Assert.Equal(HttpStatusCode.Accepted, redeliver.StatusCode);

        var again = (await _receiver.WaitFor(path, 3, Patience))[^1];
        Assert.Equal(webhookId, again.Header("webhook-id"));
        Assert.True(again.Verified, string.Join("; ", again.Verifications));
    }

    [Fact]
    public async Task A_signature_made_with_another_secret_does_not_verify_at_the_receiver()
    {
        await using var host = await EmbeddedHost.Start(rampFailureRate: 0);
        var path = "/hooks/" + Guid.NewGuid().ToString("N");
        await Register(host, path, ["payment.completed"]);
        var stranger = await Register(host, "/elsewhere/" + Guid.NewGuid().ToString("N"), ["payment.failed"]);
        await _receiver.SetSecrets(stranger);

        await host.Pay(10m);
        var received = Assert.Single(await _receiver.WaitFor(path, 1, Patience));

        Assert.False(received.Verified);
    }

    [Fact]
    public async Task During_a_rotation_a_receiver_holding_either_secret_verifies()
    {
        await using var host = await EmbeddedHost.Start(rampFailureRate: 0);
        var path = "/rotating/" + Guid.NewGuid().ToString("N");
        var old = await Register(host, path, ["payment.completed"]);
        var endpointId = await EndpointAt(host, path);
        using var rotate = await host.Client.PostAsync($"/webhook-endpoints/{endpointId}/rotate-secret", null);
        Assert.Equal(HttpStatusCode.OK, rotate.StatusCode);
        var fresh = JsonDocument.Parse(await rotate.Content.ReadAsStringAsync()).RootElement.GetProperty("secret").GetString()!;
        Assert.NotEqual(old, fresh);

        await _receiver.SetSecrets(old);
        var paymentId = await host.Pay(20m);
        var first = Assert.Single(await _receiver.WaitFor(path, 1, Patience));
        Assert.True(first.Verified, string.Join("; ", first.Verifications));
        Assert.Equal(2, first.Header("webhook-signature")!.Split(' ').Length);

        await _receiver.SetSecrets(fresh);
        var delivery = await DeliveryOf(host, paymentId, first.Header("webhook-id")!);
        using var redeliver = await host.Client.PostAsync($"/webhook-deliveries/{delivery.GetProperty("id").GetString()}/redeliver", null);
        var second = (await _receiver.WaitFor(path, 2, Patience))[^1];
        Assert.True(second.Verified, string.Join("; ", second.Verifications));
    }

    private static async Task<string> EndpointAt(EmbeddedHost host, string path)
    {
        using var body = JsonDocument.Parse(await host.Client.GetStringAsync("/webhook-endpoints"));
        return body.RootElement.GetProperty("items").EnumerateArray()
            .Single(e => e.GetProperty("url").GetString()!.EndsWith(path, StringComparison.Ordinal)).GetProperty("id").GetString()!;
    }

    private async Task<string> Register(EmbeddedHost host, string path, string[] eventTypes)
    {
        var types = string.Join(",", eventTypes.Select(t => $"\"{t}\""));
        using var content = new StringContent($$"""{"url":"{{_receiver.Url(path)}}","event_types":[{{types}}]}""", System.Text.Encoding.UTF8, "application/json");
        using var response = await host.Client.PostAsync("/webhook-endpoints", content);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("secret").GetString()!;
    }

    private static async Task<long> VersionOf(EmbeddedHost host, Guid paymentId, string eventType)
    {
        using var body = JsonDocument.Parse(await host.Client.GetStringAsync($"/payments/{paymentId}/events"));
        return body.RootElement.GetProperty("events").EnumerateArray()
            .Single(e => e.GetProperty("type").GetString() == eventType).GetProperty("version").GetInt64();
    }

    private static async Task<JsonElement> DeliveryOf(EmbeddedHost host, Guid paymentId, string webhookId)
    {
        using var body = JsonDocument.Parse(await host.Client.GetStringAsync($"/payments/{paymentId}/deliveries"));
        return body.RootElement.GetProperty("items").EnumerateArray().Single(d => d.GetProperty("message_id").GetString() == webhookId).Clone();
    }
}
