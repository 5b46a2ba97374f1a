using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Payments.Functions.Api.Auth;
using Payments.Functions.Hosting;

namespace Payments.Bench;

/// <summary>
/// Starts the real host on a free loopback port over a temporary data directory and drives it with
/// C concurrent clients, each POSTing a new payment and then GETting it, for a fixed time.
/// </summary>
internal static class ApiLoadBenchmark
{
    private const string Key = "bench-key-0123456789";

    public static async Task<string> Run(int clients, TimeSpan duration, CancellationToken cancellationToken)
    {
        var directory = Path.Combine(Path.GetTempPath(), "payments-api-bench-" + Guid.NewGuid().ToString("N"));
        var app = PaymentsHost.Build(new ServeOptions { Urls = "http://127.0.0.1:0", DataDirectory = directory }, ApiKeyRing.FromConfiguration("bench:" + Key));
        try
        {
            await app.StartAsync(cancellationToken);
            using var http = new HttpClient { BaseAddress = new Uri(PaymentsHost.ListeningAddresses(app)[0]) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", Key);
            await Drive(http, clients, TimeSpan.FromSeconds(1), cancellationToken);
            var (posts, gets, elapsed) = await Drive(http, clients, duration, cancellationToken);
            return string.Create(CultureInfo.InvariantCulture,
                $"api clients={clients} POST /payments: {posts.Length / elapsed.TotalSeconds:F0}/s p50={AppendBenchmark.Percentile(posts, 0.50):F2} ms p95={AppendBenchmark.Percentile(posts, 0.95):F2} ms p99={AppendBenchmark.Percentile(posts, 0.99):F2} ms | GET /payments/id: p50={AppendBenchmark.Percentile(gets, 0.50):F2} ms p95={AppendBenchmark.Percentile(gets, 0.95):F2} ms");
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(directory, recursive: true);
        }
    }

    private static async Task<(double[] Posts, double[] Gets, TimeSpan Elapsed)> Drive(HttpClient http, int clients, TimeSpan duration, CancellationToken cancellationToken)
    {
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        stop.CancelAfter(duration);
        var started = Stopwatch.GetTimestamp();
        var results = await Task.WhenAll(Enumerable.Range(0, clients).Select(_ => Task.Run(() => Client(http, stop.Token), CancellationToken.None)));
        var elapsed = Stopwatch.GetElapsedTime(started);
        return (results.SelectMany(r => r.Posts).Order().ToArray(), results.SelectMany(r => r.Gets).Order().ToArray(), elapsed);
    }

    private static async Task<(List<double> Posts, List<double> Gets)> Client(HttpClient http, CancellationToken stop)
    {
        var posts = new List<double>();
        var gets = new List<double>();
        while (!stop.IsCancellationRequested)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/payments")
            {
                Content = new StringContent("""{"amount":"125.50","currency":"EUR","source_account":"DE89370400440532013000","destination_account":"MX-CLABE-032180000118359719"}""", Encoding.UTF8, "application/json"),
            };
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
            var begin = Stopwatch.GetTimestamp();
            using var created = await http.SendAsync(request, CancellationToken.None);
            posts.Add(Stopwatch.GetElapsedTime(begin).TotalMilliseconds);
            if (created.StatusCode != HttpStatusCode.Accepted)
            {
                throw new InvalidOperationException($"POST answered {(int)created.StatusCode}");
            }

            begin = Stopwatch.GetTimestamp();
            using var fetched = await http.GetAsync(created.Headers.Location, CancellationToken.None);
            gets.Add(Stopwatch.GetElapsedTime(begin).TotalMilliseconds);
        }

        return (posts, gets);
    }
}
