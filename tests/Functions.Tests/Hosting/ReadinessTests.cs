using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Payments.Application.Jobs;
using Payments.EventStore.Contract;
using Payments.Functions.Hosting.Health;

namespace Payments.Functions.Tests.Hosting;

public sealed class ReadinessTests
{
    [Fact]
    public async Task Fresh_host_is_live_and_ready_and_says_what_it_checked()
    {
        await using var host = await TestHost.Start();

        using var live = await host.Client.GetAsync("/health/live");
        var (status, ready) = await Ready(host);

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("healthy", ready.GetProperty("status").GetString());
        var checks = ready.GetProperty("checks").EnumerateArray().Select(c => c.GetProperty("name").GetString()).Order().ToList();
        Assert.Equal(["data-directory", "event-store", "log-consumers"], checks);
    }

    [Fact]
    public async Task Readiness_turns_unhealthy_when_a_consumer_parks_an_event()
    {
        await using var host = await TestHost.Start();
        var store = host.App.Services.GetRequiredService<IEventStore>();

        await store.Append(StreamId.For(Guid.CreateVersion7()), ExpectedVersion.NoStream, [new NewEvent("PaymentTeleported", 1, "{}", new EventMetadata("t", null, "test"))]);

        var ready = await WaitForUnready(host);
        Assert.Contains("payments-projection parked 1 events", Check(ready, "log-consumers").GetProperty("description").GetString(), StringComparison.Ordinal);
        using var live = await host.Client.GetAsync("/health/live");
        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
    }

    [Fact]
    public async Task Readiness_turns_unhealthy_when_a_consumer_falls_behind_its_lag_limit()
    {
        await using var host = await TestHost.Start(
            options => options.Health = new ReadinessOptions { MaxConsumerLag = TimeSpan.FromSeconds(1) },
            services => services.AddSingleton<IJobOutbox>(new StuckOutbox()));

        using var posted = await host.Client.PostAsync("/payments", Body());
        Assert.Equal(HttpStatusCode.Accepted, posted.StatusCode);

        var ready = await WaitForUnready(host);
        var consumers = Check(ready, "log-consumers");
        Assert.Contains("payment-jobs is 1 events behind", consumers.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.Contains("1 behind", consumers.GetProperty("data").GetProperty("payment-jobs").GetString(), StringComparison.Ordinal);
    }

    private static StringContent Body()
    {
        var content = new StringContent("""{"amount":"10.00","currency":"EUR","source_account":"DE89370400440532013000","destination_account":"MX-CLABE-032180000118359719"}""", Encoding.UTF8, "application/json");
        content.Headers.Add("Idempotency-Key", "ready-" + Guid.NewGuid().ToString("N"));
        return content;
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body)> Ready(TestHost host)
    {
        using var response = await host.Client.GetAsync("/health/ready");
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return (response.StatusCode, body.RootElement.Clone());
    }

    private static async Task<JsonElement> WaitForUnready(TestHost host)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var (status, body) = await Ready(host);
            if (status == HttpStatusCode.ServiceUnavailable)
            {
                Assert.Equal("unhealthy", body.GetProperty("status").GetString());
                return body;
            }

            await Task.Delay(100, deadline.Token);
        }
    }

    private static JsonElement Check(JsonElement report, string name) =>
        report.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name);

    /// <summary>An outbox whose disk hangs: the job dispatch waits on it and falls behind.</summary>
    private sealed class StuckOutbox : IJobOutbox
    {
        public Task Dispatch(IReadOnlyList<PaymentJob> jobs, CancellationToken cancellationToken) => Task.Delay(Timeout.Infinite, cancellationToken);
    }
}
