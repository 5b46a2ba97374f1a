using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Payments.EndToEnd.Tests;

public sealed partial class ServeProcessTests : IDisposable
{
    private readonly string _dataDirectory = Path.Combine(Path.GetTempPath(), "payments-serve-" + Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Serve_process_accepts_a_payment_and_returns_it()
    {
        await using var serve = await ServeProcess.Start(_dataDirectory, "acme:acme-secret-key");
        using var client = Client(serve.Port, "acme-secret-key");

        using var created = await client.SendAsync(Post("serve-key-1"));
        using var fetched = await client.GetAsync(created.Headers.Location);

        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fetched.StatusCode);
        using var body = JsonDocument.Parse(await fetched.Content.ReadAsStringAsync());
        Assert.Equal("100.00", body.RootElement.GetProperty("amount").GetString());
        Assert.Contains("listening on http://127.0.0.1:" + serve.Port, serve.Output, StringComparison.Ordinal);
        Assert.Contains(_dataDirectory, serve.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_dataDirectory, "events.db")));
    }

    [Fact]
    public async Task Serve_process_processes_the_payment_and_lists_it_from_the_projection()
    {
        await using var serve = await ServeProcess.Start(_dataDirectory, "acme:acme-secret-key");
        using var client = Client(serve.Port, "acme-secret-key");
        using var created = await client.SendAsync(Post("serve-key-2"));
        var id = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("payment_id").GetString();

        JsonElement? listed = null;
        for (var attempt = 0; attempt < 120 && listed is null; attempt++)
        {
            await Task.Delay(250);
            using var page = await client.GetAsync("/payments?status=COMPLETED&limit=10");
            using var body = JsonDocument.Parse(await page.Content.ReadAsStringAsync());
            listed = body.RootElement.GetProperty("items").EnumerateArray()
                .Where(p => p.GetProperty("payment_id").GetString() == id).Select(p => (JsonElement?)p.Clone()).FirstOrDefault();
        }

        Assert.NotNull(listed);
        Assert.StartsWith("onr_", listed.Value.GetProperty("on_ramp_tx_id").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("ofr_", listed.Value.GetProperty("off_ramp_tx_id").GetString(), StringComparison.Ordinal);
        Assert.Equal("100.00", listed.Value.GetProperty("amount").GetString());
        Assert.True(File.Exists(Path.Combine(_dataDirectory, "payments.db")));
    }

    [Fact]
    public async Task Without_configured_keys_serve_creates_one_dev_key_shows_it_once_and_keeps_only_its_hash()
    {
        string key;
        await using (var first = await ServeProcess.Start(_dataDirectory, null))
        {
            key = DevKey().Match(first.Output).Groups[1].Value;
            Assert.NotEmpty(key);
            using var client = Client(first.Port, key);
            using var created = await client.SendAsync(Post("dev-key-1"));
            Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        }

        Assert.DoesNotContain(key, await File.ReadAllTextAsync(Path.Combine(_dataDirectory, "api-keys")), StringComparison.Ordinal);
        await using var second = await ServeProcess.Start(_dataDirectory, null);
        using var again = Client(second.Port, key);
        using var list = await again.GetAsync("/payments/00000000-0000-0000-0000-000000000000");
        Assert.Equal(HttpStatusCode.NotFound, list.StatusCode);
        Assert.DoesNotMatch(DevKey(), second.Output);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(_dataDirectory))
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
    }

    private static HttpClient Client(int port, string key)
    {
        var client = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    private static HttpRequestMessage Post(string key)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/payments")
        {
            Content = new StringContent("""{"amount":100,"currency":"USD","source_account":"US-ACH-1","destination_account":"PH-GCASH-2"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", key);
        return request;
    }

    [GeneratedRegex("store it now\\): (pk_dev_[A-Za-z0-9_-]+)")]
    private static partial Regex DevKey();
}
