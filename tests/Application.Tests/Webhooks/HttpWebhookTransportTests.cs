using Payments.Application.Webhooks;
using Payments.Application.Webhooks.Sending;

namespace Payments.Application.Tests.Webhooks;

public sealed class HttpWebhookTransportTests
{
    private const string Ok = "HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n";
    private readonly ScriptedResolver _dns = new ScriptedResolver().Map("hooks.example", "127.0.0.1");

    [Fact]
    public async Task Posts_the_body_verbatim_with_the_three_Standard_Webhooks_headers()
    {
        await using var receiver = new RawHttpReceiver(Ok);
        using var transport = Transport(allowInsecure: true);

        var response = await transport.Post(Request($"http://127.0.0.1:{receiver.Port}/hook", """{"type":"payment.completed"}"""), CancellationToken.None);

        Assert.Equal(200, response.StatusCode);
        Assert.True(response.IsSuccess);
        var request = Assert.Single(receiver.Requests);
        Assert.StartsWith("POST /hook HTTP/1.1", request, StringComparison.Ordinal);
        Assert.Contains("webhook-id: msg_1\r\n", request, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("webhook-timestamp: 1800000000\r\n", request, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("webhook-signature: v1,c2lnbmF0dXJl\r\n", request, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Content-Type: application/json", request, StringComparison.OrdinalIgnoreCase);
        Assert.EndsWith("\r\n\r\n{\"type\":\"payment.completed\"}", request, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_redirect_is_an_answer_and_is_not_followed()
    {
        await using var elsewhere = new RawHttpReceiver(Ok);
        await using var receiver = new RawHttpReceiver($"HTTP/1.1 302 Found\r\nLocation: http://127.0.0.1:{elsewhere.Port}/\r\nContent-Length: 0\r\n\r\n");
        using var transport = Transport(allowInsecure: true);

        var response = await transport.Post(Request($"http://127.0.0.1:{receiver.Port}/"), CancellationToken.None);

        Assert.Equal(302, response.StatusCode);
        Assert.False(response.IsSuccess);
        Assert.Equal(0, elsewhere.Connections);
    }

    [Fact]
    public async Task A_receiver_slower_than_the_timeout_is_a_failure_without_status()
    {
        await using var receiver = new RawHttpReceiver(Ok, TimeSpan.FromSeconds(5));
        using var transport = Transport(allowInsecure: true, timeout: TimeSpan.FromMilliseconds(300));

        var response = await transport.Post(Request($"http://127.0.0.1:{receiver.Port}/"), CancellationToken.None);

        Assert.Null(response.StatusCode);
        Assert.Contains("timed out", response.Error, StringComparison.Ordinal);
        Assert.InRange(response.Latency.TotalSeconds, 0.25, 4);
    }

    [Fact]
    public async Task A_name_resolving_to_loopback_is_refused_before_connecting()
    {
        await using var receiver = new RawHttpReceiver(Ok);
        using var transport = Transport(allowInsecure: false);

        var response = await transport.Post(Request($"https://hooks.example:{receiver.Port}/"), CancellationToken.None);

        Assert.Null(response.StatusCode);
        Assert.StartsWith("refused: ", response.Error, StringComparison.Ordinal);
        Assert.Equal(0, receiver.Connections);
    }

    [Theory]
    [InlineData("Retry-After: 7\r\n", 7)]
    [InlineData("", null)]
    public async Task Retry_after_seconds_are_read_from_a_429(string header, int? seconds)
    {
        await using var receiver = new RawHttpReceiver($"HTTP/1.1 429 Too Many Requests\r\n{header}Content-Length: 0\r\n\r\n");
        using var transport = Transport(allowInsecure: true);

        var response = await transport.Post(Request($"http://127.0.0.1:{receiver.Port}/"), CancellationToken.None);

        Assert.Equal(429, response.StatusCode);
        Assert.Equal(seconds is { } s ? TimeSpan.FromSeconds(s) : null, response.RetryAfter);
    }

    private HttpWebhookTransport Transport(bool allowInsecure, TimeSpan? timeout = null) =>
        new(new WebhookAddressPolicy(_dns, allowInsecure), new WebhookOptions { Timeout = timeout ?? TimeSpan.FromSeconds(15) }, TimeProvider.System);

    private static WebhookRequest Request(string url, string body = "{}") =>
        new(new Uri(url), "msg_1", DateTimeOffset.FromUnixTimeSeconds(1_800_000_000), "v1,c2lnbmF0dXJl", body);
}
