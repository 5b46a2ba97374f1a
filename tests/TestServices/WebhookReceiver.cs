using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Xunit;

namespace Payments.TestServices;

/// <summary>
/// A webhook receiver on a free 127.0.0.1 port (webhook-receiver.mjs): verifies every request with the Standard
/// Webhooks reference verifier (npm <c>standardwebhooks</c>, an implementation independent of ours) against the
/// secrets it is given, records it, and answers as scripted per path.
/// </summary>
public sealed class WebhookReceiver : IAsyncLifetime
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(50);
    private ServiceProcess? _process;
    private HttpClient? _control;

    public int Port => _process?.Port ?? throw new InvalidOperationException("the webhook receiver is not running");

    public async Task InitializeAsync()
    {
        RepositoryRoot.NodeModules("standardwebhooks");
        var port = LoopbackPort.Free();
        var start = new ProcessStartInfo("node") { WorkingDirectory = RepositoryRoot.Find() };
        start.ArgumentList.Add(Path.Combine(RepositoryRoot.Find(), "tests", "TestServices", "webhook-receiver.mjs"));
        start.ArgumentList.Add(port.ToString(CultureInfo.InvariantCulture));
        _process = await ServiceProcess.Start(start, port, TimeSpan.FromSeconds(30));
        _control = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/_control/") };
    }

    public Uri Url(string path) => new($"http://127.0.0.1:{Port}{path}");

    /// <summary>The secrets every later request is verified with, in this order (see <see cref="ReceivedWebhook.Verifications"/>).</summary>
    public Task SetSecrets(params string[] secrets) =>
        Put("secrets", new JsonObject { ["secrets"] = new JsonArray([.. secrets.Select(s => JsonValue.Create(s))]) });

    /// <summary>Answers for <paramref name="path"/>, used in order; the last one repeats. An unscripted path answers 200.</summary>
    public Task Script(string path, params ReceiverReply[] replies) =>
        Put("script", new JsonObject { ["path"] = path, ["replies"] = new JsonArray([.. replies.Select(Describe)]) });

    /// <summary>Forgets secrets, scripts and what was received.</summary>
    public async Task Reset()
    {
        using var response = await Control().PostAsync(new Uri("reset", UriKind.Relative), null);
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Every request to <paramref name="path"/> so far, oldest first.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> Received(string path)
    {
        using var document = JsonDocument.Parse(await Control().GetStringAsync(new Uri("records?path=" + Uri.EscapeDataString(path), UriKind.Relative)));
        return [.. document.RootElement.EnumerateArray().Select(Parse)];
    }

    /// <summary>Waits until <paramref name="path"/> has received at least <paramref name="count"/> requests.</summary>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitFor(string path, int count, TimeSpan timeout)
    {
        var started = Stopwatch.GetTimestamp();
        while (true)
        {
            var received = await Received(path);
            if (received.Count >= count)
            {
                return received;
            }

            if (Stopwatch.GetElapsedTime(started) > timeout)
            {
                throw new TimeoutException($"{path} received {received.Count} of {count} requests within {timeout}. {_process?.Describe()}");
            }

            await Task.Delay(PollInterval);
        }
    }

    public async Task DisposeAsync()
    {
        _control?.Dispose();
        if (_process is not null)
        {
            await _process.DisposeAsync();
        }
    }

    private HttpClient Control() => _control ?? throw new InvalidOperationException("the webhook receiver is not running");

    private async Task Put(string route, JsonObject body)
    {
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await Control().PutAsync(new Uri(route, UriKind.Relative), content);
        response.EnsureSuccessStatusCode();
    }

    private static JsonObject Describe(ReceiverReply reply)
    {
        var headers = new JsonObject();
        foreach (var (name, value) in reply.Headers ?? new Dictionary<string, string>())
        {
            headers[name] = value;
        }

        return new JsonObject
        {
            ["status"] = reply.Status,
            ["headers"] = headers,
            ["delay_ms"] = (long)reply.Delay.TotalMilliseconds,
            ["body"] = reply.Body,
        };
    }

    private static ReceivedWebhook Parse(JsonElement record) => new(
        record.GetProperty("path").GetString()!,
        record.GetProperty("method").GetString()!,
        record.GetProperty("headers").EnumerateObject().ToDictionary(h => h.Name, h => h.Value.GetString()!, StringComparer.Ordinal),
        Convert.FromBase64String(record.GetProperty("body_base64").GetString()!),
        DateTimeOffset.Parse(record.GetProperty("received_at").GetString()!, CultureInfo.InvariantCulture),
        [.. record.GetProperty("verifications").EnumerateArray().Select(v => v.GetProperty("ok").GetBoolean() ? ReceivedWebhook.Ok : v.GetProperty("error").GetString()!)],
        record.GetProperty("replied_status").GetInt32());
}
