using System.CommandLine;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Payments.Functions.Cli;

/// <summary>
/// `smoke --url BASE --key KEY`: runs one payment through any deployment (a `serve` or the cloud HTTP API) and reports
/// each step's latency, for after a deploy. Exit 0 only when the payment completed, its history verifies and a retry
/// with the same Idempotency-Key is answered 409.
/// </summary>
internal static class SmokeCommand
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    public static Command Create()
    {
        var url = new Option<Uri>("--url") { Description = "Base address of the deployment", Required = true };
        var key = new Option<string>("--key") { Description = "An API key of the deployment", Required = true };
        var timeout = new Option<int>("--timeout") { Description = "Seconds to wait for the payment to finish", DefaultValueFactory = _ => 60 };
        var command = new Command("smoke", "Run one payment through a deployment and report each step's latency") { url, key, timeout };
        command.SetAction((parse, ct) => Run(parse.GetValue(url)!, parse.GetValue(key)!, TimeSpan.FromSeconds(parse.GetValue(timeout)), Console.Out, ct));
        return command;
    }

    public static async Task<int> Run(Uri baseAddress, string key, TimeSpan timeout, TextWriter output, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        var idempotencyKey = "smoke-" + Guid.NewGuid().ToString("N");
        var body = """{"amount":"10.00","currency":"EUR","source_account":"DE89370400440532013000","destination_account":"MX-CLABE-032180000118359719"}""";
        var ok = true;

        var (created, postLatency) = await Timed(() => http.SendAsync(Post(body, idempotencyKey), cancellationToken));
        ok &= Report(output, "POST /payments", created.StatusCode == HttpStatusCode.Accepted, postLatency, created.StatusCode.ToString());
        if (created.StatusCode != HttpStatusCode.Accepted)
        {
            return 1;
        }

        var location = created.Headers.Location!;
        var started = Stopwatch.GetTimestamp();
        var status = "";
        while (Stopwatch.GetElapsedTime(started) < timeout && status is not ("COMPLETED" or "FAILED"))
        {
            await Task.Delay(PollInterval, cancellationToken);
            using var payment = await http.GetAsync(location, cancellationToken);
            status = payment.IsSuccessStatusCode ? Field(await payment.Content.ReadAsStringAsync(cancellationToken), "status") : status;
        }

        ok &= Report(output, "202 -> terminal", status == "COMPLETED", Stopwatch.GetElapsedTime(started), status.Length == 0 ? "no answer" : status);
        var (history, historyLatency) = await Timed(() => http.GetAsync(new Uri(location + "/events", UriKind.Relative), cancellationToken));
        var intact = history.IsSuccessStatusCode && Field(await history.Content.ReadAsStringAsync(cancellationToken), "chain_intact") == "True";
        ok &= Report(output, "GET events", intact, historyLatency, intact ? "chain intact" : "chain NOT intact");
        var (replay, replayLatency) = await Timed(() => http.SendAsync(Post(body, idempotencyKey), cancellationToken));
        ok &= Report(output, "POST again", replay.StatusCode == HttpStatusCode.Conflict, replayLatency, replay.StatusCode.ToString());
        return ok ? 0 : 1;
    }

    private static HttpRequestMessage Post(string body, string idempotencyKey)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "payments") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", idempotencyKey);
        return request;
    }

    private static async Task<(HttpResponseMessage Response, TimeSpan Latency)> Timed(Func<Task<HttpResponseMessage>> call)
    {
        var started = Stopwatch.GetTimestamp();
        var response = await call();
        return (response, Stopwatch.GetElapsedTime(started));
    }

    private static string Field(string json, string name)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.TryGetProperty(name, out var value) ? value.ToString() : "";
    }

    private static bool Report(TextWriter output, string step, bool passed, TimeSpan latency, string detail)
    {
        output.WriteLine($"{(passed ? "ok  " : "FAIL")} {step,-18} {latency.TotalMilliseconds,8:F1} ms  {detail}");
        return passed;
    }
}
