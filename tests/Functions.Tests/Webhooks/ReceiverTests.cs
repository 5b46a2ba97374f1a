using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using Payments.TestServices;

namespace Payments.Functions.Tests.Webhooks;

/// <summary>
/// The test receiver itself: it must tell a good signature from a bad one exactly as the Standard Webhooks reference
/// verifier does, or every webhook test that relies on it proves nothing. Requests here are signed by a few lines of
/// HMAC written for the test, not by the sender's code.
/// </summary>
public sealed class ReceiverTests(WebhookReceiver receiver) : IClassFixture<WebhookReceiver>, IDisposable
{
    private const string SecretA = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private const string SecretB = "whsec_C2FVsBQIhrscChlQIMV+b5sSYspob7oD";
    private const string Body = """{"type":"payment.completed","timestamp":"2026-01-01T00:00:00Z","data":{"sequence":4}}""";

    private readonly HttpClient _http = new();

    [Fact]
    public async Task A_correctly_signed_request_verifies()
    {
        await receiver.SetSecrets(SecretA);

        var received = await Send("/ok", Body, Sign(SecretA, "msg_1", Now(), Body));

        Assert.Equal([ReceivedWebhook.Ok], received.Verifications);
        Assert.Equal(Body, received.Body);
        Assert.Equal("msg_1", received.Header("webhook-id"));
    }

    [Fact]
    public async Task A_tampered_body_fails()
    {
        await receiver.SetSecrets(SecretA);

        var received = await Send("/tampered", Body.Replace("4", "5", StringComparison.Ordinal), Sign(SecretA, "msg_2", Now(), Body));

        Assert.Equal(["No matching signature found"], received.Verifications);
    }

    [Fact]
    public async Task A_request_signed_with_another_secret_fails()
    {
        await receiver.SetSecrets(SecretA);

        var received = await Send("/wrong-secret", Body, Sign(SecretB, "msg_3", Now(), Body));

        Assert.False(received.Verified);
        Assert.Equal(["No matching signature found"], received.Verifications);
    }

    [Fact]
    public async Task A_timestamp_older_than_five_minutes_fails_even_when_correctly_signed()
    {
        await receiver.SetSecrets(SecretA);
        var stale = Now() - 301;

        var received = await Send("/stale", Body, Sign(SecretA, "msg_4", stale, Body));

        Assert.Equal(["Message timestamp too old"], received.Verifications);
    }

    [Fact]
    public async Task With_two_secrets_configured_a_request_signed_by_either_verifies()
    {
        await receiver.SetSecrets(SecretA, SecretB);

        var byA = await Send("/rotation-a", Body, Sign(SecretA, "msg_5", Now(), Body));
        var byB = await Send("/rotation-b", Body, Sign(SecretB, "msg_6", Now(), Body));
        var now = Now();
        var byBoth = await Send("/rotation-both", Body, $"{Signature(SecretB, "msg_7", now, Body)} {Signature(SecretA, "msg_7", now, Body)}", "msg_7", now);

        Assert.True(byA.Verified);
        Assert.Equal(ReceivedWebhook.Ok, byA.Verifications[0]);
        Assert.True(byB.Verified);
        Assert.Equal(ReceivedWebhook.Ok, byB.Verifications[1]);
        Assert.Equal([ReceivedWebhook.Ok, ReceivedWebhook.Ok], byBoth.Verifications);
    }

    [Fact]
    public async Task Scripted_replies_are_answered_in_order_and_the_last_repeats()
    {
        await receiver.Script("/scripted", 500, ReceiverReply.TooManyRequests(7), 410);

        var answers = new List<(HttpStatusCode Status, string? RetryAfter)>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await _http.PostAsync(receiver.Url("/scripted"), new StringContent(Body));
            answers.Add((response.StatusCode, response.Headers.RetryAfter?.ToString()));
        }

        Assert.Equal(
            [(HttpStatusCode.InternalServerError, null), (HttpStatusCode.TooManyRequests, "7"), (HttpStatusCode.Gone, null), (HttpStatusCode.Gone, null)],
            answers);
        Assert.Equal([500, 429, 410, 410], (await receiver.Received("/scripted")).Select(r => r.RepliedStatus));
    }

    [Fact]
    public async Task A_slow_reply_is_held_for_its_delay()
    {
        await receiver.Script("/slow", ReceiverReply.Slow(TimeSpan.FromMilliseconds(400)));
        var started = System.Diagnostics.Stopwatch.GetTimestamp();

        using var response = await _http.PostAsync(receiver.Url("/slow"), new StringContent(Body));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(System.Diagnostics.Stopwatch.GetElapsedTime(started) >= TimeSpan.FromMilliseconds(400));
    }

    public void Dispose() => _http.Dispose();

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeSeconds();

    private static (string Id, long Timestamp, string Signature) Sign(string secret, string id, long timestamp, string body) =>
        (id, timestamp, Signature(secret, id, timestamp, body));

    /// <summary>The Standard Webhooks v1 signature, written out here so the receiver is checked against the spec, not our signer.</summary>
    private static string Signature(string secret, string id, long timestamp, string body)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{id}.{timestamp}.{body}")));
        return "v1," + Convert.ToBase64String(mac);
    }

    private Task<ReceivedWebhook> Send(string path, string body, (string Id, long Timestamp, string Signature) signed) =>
        Send(path, body, signed.Signature, signed.Id, signed.Timestamp);

    private async Task<ReceivedWebhook> Send(string path, string body, string signature, string id, long? timestamp = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, receiver.Url(path)) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("webhook-id", id);
        request.Headers.Add("webhook-timestamp", (timestamp ?? Now()).ToString(CultureInfo.InvariantCulture));
        request.Headers.Add("webhook-signature", signature);
        using var response = await _http.SendAsync(request);
        return Assert.Single(await receiver.Received(path));
    }
}
