using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Payments.Embedded;
using Payments.Embedded.EventStore;
using Payments.Functions.Api.Auth;
using Payments.Functions.Hosting;
using Payments.TestServices;

namespace Payments.Functions.Tests.Hosting;

/// <summary>A full disk under the real host: POST answers 503 with the reason, readiness names the fault, `serve` exits 75.</summary>
public sealed class StoreFaultTests
{
    [Fact]
    public async Task Disk_full_answers_503_problem_json_with_a_reason_and_readiness_names_the_fault()
    {
        await using var host = await TestHost.Start(overrides: FileMayNotGrow);

        using var refused = await PostUntilRefused(host.Client);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Equal(TimeSpan.FromSeconds(30), refused.Headers.RetryAfter?.Delta);
        using (var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()))
        {
            Assert.Equal(503, problem.RootElement.GetProperty("status").GetInt32());
            Assert.EndsWith("/storage-unavailable", problem.RootElement.GetProperty("type").GetString(), StringComparison.Ordinal);
            Assert.Contains("disk full", problem.RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
        }

        using var again = await host.Client.PostAsync("/payments", Body());
        Assert.Equal(HttpStatusCode.ServiceUnavailable, again.StatusCode);
        using var ready = await host.Client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        using var report = JsonDocument.Parse(await ready.Content.ReadAsStringAsync());
        var check = report.RootElement.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == "event-store");
        Assert.Equal("unhealthy", check.GetProperty("status").GetString());
        Assert.Contains("SQLITE_FULL", check.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_stops_with_exit_code_75_when_the_store_faults_and_keeps_what_it_accepted()
    {
        using var directory = new TempDirectory();
        var options = new ServeOptions { Urls = "http://127.0.0.1:0", DataDirectory = directory.Path };
        await using var app = PaymentsHost.Build(options, ApiKeyRing.FromConfiguration("client_h:" + TestHost.Key), FileMayNotGrow, ownsDataDirectory: true);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(120));
        var serving = ServeCommand.RunUntilStoppedOrFaulted(app, timeout.Token);
        await WaitUntilListening(app);
        using var client = new HttpClient { BaseAddress = new Uri(PaymentsHost.ListeningAddresses(app).Single()) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", TestHost.Key);

        var accepted = await PostUntilRefusedCounting(client);
        var exit = await serving.WaitAsync(TimeSpan.FromSeconds(60));

        Assert.Equal(ServeCommand.StoreFaulted, exit);
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await using var reopened = SqliteEventStore.Open(new DataDirectoryLayout(directory.Path).Events, TimeProvider.System);
        var streams = await Payments.EventStore.Contract.EventLogStreams.All(reopened, CancellationToken.None);
        Assert.Equal(accepted, streams.Count);
    }

    /// <summary>The events file may not grow by a page: appends fail as on a full disk once the first pages are used.</summary>
    private static void FileMayNotGrow(IServiceCollection services) =>
        services.AddSingleton(sp => SqliteEventStore.Open(sp.GetRequiredService<DataDirectoryLayout>().Events, TimeProvider.System, new SqliteEventStoreOptions { MaxPageCount = 1 }));

    private static async Task<HttpResponseMessage> PostUntilRefused(HttpClient client)
    {
        for (var i = 0; i < 500; i++)
        {
            var response = await client.PostAsync("/payments", Body());
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                return response;
            }

            response.Dispose();
        }

        throw new InvalidOperationException("The capped store never filled up.");
    }

    private static async Task<int> PostUntilRefusedCounting(HttpClient client)
    {
        var accepted = 0;
        for (var i = 0; i < 500; i++)
        {
            using var response = await client.PostAsync("/payments", Body());
            if (response.StatusCode != HttpStatusCode.Accepted)
            {
                Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
                return accepted;
            }

            accepted++;
        }

        throw new InvalidOperationException("The capped store never filled up.");
    }

    private static async Task WaitUntilListening(WebApplication app)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (PaymentsHost.ListeningAddresses(app).Count == 0 || PaymentsHost.ListeningAddresses(app)[0].EndsWith(":0", StringComparison.Ordinal))
        {
            await Task.Delay(50, deadline.Token);
        }
    }

    private static StringContent Body()
    {
        var content = new StringContent("""{"amount":"10.00","currency":"EUR","source_account":"DE89370400440532013000","destination_account":"MX-CLABE-032180000118359719"}""", Encoding.UTF8, "application/json");
        content.Headers.Add("Idempotency-Key", "full-" + Guid.NewGuid().ToString("N"));
        return content;
    }
}
