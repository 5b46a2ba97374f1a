using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Payments.TestServices;

namespace Payments.EndToEnd.Tests;

/// <summary>
/// The real `serve` process killed with SIGKILL in the middle of a burst of payments. Every payment
/// that was answered 202 must exist after restart, reach a terminal state, verify, and have converted
/// each ramp leg at most once.
/// </summary>
public sealed class ServeCrashTests : IDisposable
{
    private const string Keys = "acme:acme-secret-key";
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "payments-crash-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Payments_accepted_before_a_kill_9_survive_and_are_processed_once_after_restart()
    {
        var accepted = new ConcurrentBag<string>();
        await using (var first = await ServeProcess.Start(_dataDirectory, Keys))
        {
            using var client = Client(first.Port);
            using var stop = new CancellationTokenSource();
            var posting = Enumerable.Range(0, 8).Select(w => Task.Run(() => PostUntilStopped(client, w, accepted, stop.Token))).ToArray();
            while (accepted.Count < 60)
            {
                await Task.Delay(20);
            }

            // SIGKILL while posts and ramp calls are in flight: no graceful shutdown, no flush.
            await first.DisposeAsync();
            await stop.CancelAsync();
            await Task.WhenAll(posting);
        }

        await using var second = await ServeProcess.Start(_dataDirectory, Keys);
        using var again = Client(second.Port);
        foreach (var location in accepted)
        {
            var status = await AwaitTerminal(again, location);
            Assert.Equal("COMPLETED", status);
        }

        Assert.Empty(await RampLegsConvertedMoreThanOnce());
        await second.DisposeAsync();
        Assert.Equal(0, await Verify());
    }

    [Fact]
    public async Task Second_serve_on_the_same_data_directory_is_refused()
    {
        await using var first = await ServeProcess.Start(_dataDirectory, Keys);
        var start = ServeProcess.Serve(_dataDirectory, Keys, LoopbackPort.Free());
        start.RedirectStandardError = true;
        start.RedirectStandardOutput = true;
        using var second = Process.Start(start)!;
        var error = await second.StandardError.ReadToEndAsync();
        await second.WaitForExitAsync();

        Assert.Equal(3, second.ExitCode);
        Assert.Contains("in use by another", error, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private static async Task PostUntilStopped(HttpClient client, int writer, ConcurrentBag<string> accepted, CancellationToken stop)
    {
        for (var i = 0; !stop.IsCancellationRequested; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/payments")
            {
                Content = new StringContent($$"""{"amount":"{{10 + i}}.25","currency":"EUR","source_account":"DE-SRC-{{writer}}","destination_account":"MX-DST-{{i}}"}""", Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("Idempotency-Key", $"crash-{writer}-{i}");
            try
            {
                using var response = await client.SendAsync(request, CancellationToken.None);
                if (response.StatusCode == HttpStatusCode.Accepted)
                {
                    accepted.Add(response.Headers.Location!.OriginalString);
                }
            }
            catch (HttpRequestException)
            {
                return; // the server died under us: whatever it had not answered was never promised
            }
        }
    }

    private static async Task<string> AwaitTerminal(HttpClient client, string location)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            using var response = await client.GetAsync(location);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            var status = body.RootElement.GetProperty("status").GetString()!;
            if (status is "COMPLETED" or "FAILED")
            {
                return status;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"{location} did not settle");
    }

    private async Task<List<string>> RampLegsConvertedMoreThanOnce()
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(_dataDirectory, "ramps.db")};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT request_key FROM ramp_transactions WHERE executions > 1";
        await using var reader = await command.ExecuteReaderAsync();
        var keys = new List<string>();
        while (await reader.ReadAsync())
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    private async Task<int> Verify()
    {
        var start = ServeProcess.Payments("verify", "--data-dir", _dataDirectory);
        start.RedirectStandardOutput = true;
        start.RedirectStandardError = true;
        using var verify = Process.Start(start)!;
        await verify.StandardOutput.ReadToEndAsync();
        await verify.WaitForExitAsync();
        return verify.ExitCode;
    }

    private static HttpClient Client(int port)
    {
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "acme-secret-key");
        return client;
    }
}
