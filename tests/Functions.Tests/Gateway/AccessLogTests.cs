using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Payments.Functions.Tests.Hosting;

namespace Payments.Functions.Tests.Gateway;

public sealed class AccessLogTests
{
    private const string Category = "Payments.Access";
    private const string Account = "DE44500105175407324931";
    private const string IdempotencyKey = "order-access-log-7f3a";

    [Fact]
    public async Task Each_request_logs_method_route_template_status_client_and_trace_id_and_no_secret()
    {
        var log = new CapturedLog();
        await using var host = await TestHost.Start(overrides: services => services.AddSingleton<ILoggerProvider>(log));

        using var created = await host.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, "/payments?token=query-secret-91")
        {
            Headers = { { "Idempotency-Key", IdempotencyKey } },
            Content = new StringContent(
                $$"""{"amount":"125.50","currency":"EUR","source_account":"{{Account}}","destination_account":"MX-CLABE-032180000118359719"}""", Encoding.UTF8, "application/json"),
        });
        var paymentId = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("payment_id").GetString()!;
        using var missing = await host.Client.GetAsync($"/payments/{Guid.NewGuid()}");
        var missingTrace = JsonDocument.Parse(await missing.Content.ReadAsStringAsync()).RootElement.GetProperty("trace_id").GetString();

        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        var post = await log.WaitFor(e => e.Category == Category && e.Text("Method") == "POST");
        Assert.Equal(("/payments", "202", "client_h"), (post.Text("Route"), post.Text("Status"), post.Text("ClientId")));
        Assert.Matches("^[0-9a-f]{32}$", post.Text("TraceId"));
        Assert.True(double.Parse(post.Text("ElapsedMs"), System.Globalization.CultureInfo.InvariantCulture) >= 0);
        var get = await log.WaitFor(e => e.Category == Category && e.Text("Status") == "404");
        Assert.Equal(("GET", "/payments/{id}", "client_h", missingTrace), (get.Text("Method"), get.Text("Route"), get.Text("ClientId"), get.Text("TraceId")));

        var accessLines = string.Join("\n", log.Entries.Where(e => e.Category == Category).Select(e => e.Message));
        Assert.DoesNotContain(paymentId, accessLines, StringComparison.Ordinal);
        Assert.DoesNotContain(IdempotencyKey, accessLines, StringComparison.Ordinal);
        Assert.DoesNotContain("query-secret-91", accessLines, StringComparison.Ordinal);
        var everything = string.Join("\n", log.Entries.Select(e => e.Message + " " + string.Join(" ", e.Fields.Values)));
        Assert.DoesNotContain(TestHost.Key, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(Account, everything, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unauthenticated_and_unmatched_requests_are_logged_without_a_client()
    {
        var log = new CapturedLog();
        await using var host = await TestHost.Start(overrides: services => services.AddSingleton<ILoggerProvider>(log));
        using var anonymous = new HttpClient { BaseAddress = host.Client.BaseAddress };

        using var refused = await anonymous.GetAsync("/payments");
        using var unmatched = await anonymous.GetAsync("/no-such-route/4242");

        var unauthorized = await log.WaitFor(e => e.Category == Category && e.Text("Status") == "401");
        Assert.Equal(("/payments", "-"), (unauthorized.Text("Route"), unauthorized.Text("ClientId")));
        var notFound = await log.WaitFor(e => e.Category == Category && e.Text("Status") == "404");
        Assert.Equal("-", notFound.Text("Route"));
    }
}
