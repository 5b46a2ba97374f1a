using System.Net;

namespace Payments.EndToEnd.Tests;

/// <summary>Instruments are process-wide, so counting exact deltas needs no other host running payments meanwhile.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MetricsCollection
{
    public const string Name = "metrics";
}

/// <summary><c>/metrics</c> of a real `serve` composition, read as Prometheus text by a parser of the test's own.</summary>
[Collection(MetricsCollection.Name)]
public sealed class MetricsEndpointTests
{
    [Fact]
    public async Task Metrics_count_requested_and_completed_payments_by_currency_and_need_no_api_key()
    {
        await using var host = await EmbeddedHost.Start(rampFailureRate: 0);
        using var scraper = new HttpClient { BaseAddress = host.Client.BaseAddress };
        var before = await Scrape(scraper);

        var ids = new List<Guid>();
        foreach (var (amount, currency) in new[] { (10m, "EUR"), (11m, "EUR"), (12m, "EUR"), (20m, "USD"), (21m, "USD") })
        {
            ids.Add(await host.Pay(amount, currency));
        }

        foreach (var id in ids)
        {
            Assert.Equal("COMPLETED", (await host.AwaitTerminal(id)).GetProperty("status").GetString());
        }

        var after = await ScrapeUntil(scraper, m => m.Sum("payments_completed_total") - before.Sum("payments_completed_total") >= 5);
        Assert.Equal(3, Delta(before, after, "payments_requested_total", ("currency", "EUR")));
        Assert.Equal(2, Delta(before, after, "payments_requested_total", ("currency", "USD")));
        Assert.Equal(3, Delta(before, after, "payments_completed_total", ("currency", "EUR")));
        Assert.Equal(2, Delta(before, after, "payments_completed_total", ("currency", "USD")));
        Assert.Equal(0, Delta(before, after, "payments_failed_total"));
        Assert.Equal(3, Delta(before, after, "payments_time_to_terminal_seconds_count", ("currency", "EUR"), ("status", "COMPLETED")));
        Assert.Equal(5, Delta(before, after, "payments_ramp_duration_seconds_count", ("leg", "on_ramp"), ("outcome", "succeeded")));
        Assert.Equal(5, Delta(before, after, "payments_ramp_duration_seconds_count", ("leg", "off_ramp"), ("outcome", "succeeded")));
        Assert.True(Delta(before, after, "payments_store_append_batch_size_sum", ("store", "sqlite")) >= 5 * 4, "every payment appends at least four events");
        Assert.True(after.Has("payments_store_append_duration_seconds_bucket", ("store", "sqlite"), ("le", "+Inf")));
        Assert.True(after.Has("payments_queue_depth", ("queue", "payment-jobs")));
        Assert.True(after.Has("payments_queue_dead_letters", ("queue", "webhooks")));
        Assert.True(after.Has("payments_consumer_behind", ("consumer", "payments-projection")));
    }

    [Fact]
    public async Task A_payment_failed_by_its_on_ramp_is_counted_failed_with_its_leg_failures()
    {
        await using var host = await EmbeddedHost.Start(rampFailureRate: 1.0, rampSeed: 1);
        using var scraper = new HttpClient { BaseAddress = host.Client.BaseAddress };
        var before = await Scrape(scraper);

        var id = await host.Pay(10.00m, "USD");
        Assert.Equal("FAILED", (await host.AwaitTerminal(id)).GetProperty("status").GetString());

        var after = await ScrapeUntil(scraper, m => m.Sum("payments_failed_total") > before.Sum("payments_failed_total"));
        Assert.Equal(1, Delta(before, after, "payments_requested_total", ("currency", "USD")));
        Assert.Equal(1, Delta(before, after, "payments_failed_total", ("currency", "USD")));
        Assert.Equal(0, Delta(before, after, "payments_completed_total"));
        Assert.Equal(1, Delta(before, after, "payments_time_to_terminal_seconds_count", ("status", "FAILED")));
        Assert.True(Delta(before, after, "payments_ramp_duration_seconds_count", ("leg", "on_ramp"), ("outcome", "failed")) >= 1);
        Assert.Equal(0, Delta(before, after, "payments_ramp_duration_seconds_count", ("outcome", "succeeded")));
    }

    private static double Delta(PrometheusText before, PrometheusText after, string name, params (string, string)[] labels) =>
        after.Sum(name, labels) - before.Sum(name, labels);

    private static async Task<PrometheusText> Scrape(HttpClient scraper)
    {
        using var response = await scraper.GetAsync("/metrics");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        return PrometheusText.Parse(await response.Content.ReadAsStringAsync());
    }

    /// <summary>The exporter caches a scrape briefly; polls until <paramref name="ready"/>, bounded so a missing count fails.</summary>
    private static async Task<PrometheusText> ScrapeUntil(HttpClient scraper, Func<PrometheusText, bool> ready)
    {
        for (var poll = 0; poll < 50; poll++)
        {
            var metrics = await Scrape(scraper);
            if (ready(metrics))
            {
                return metrics;
            }

            await Task.Delay(200);
        }

        return await Scrape(scraper);
    }
}
