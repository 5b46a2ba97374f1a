using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Payments.Application.Ramps.Sandbox;
using Payments.Functions.Api.Auth;
using Payments.Functions.Hosting;
using Payments.Functions.Tests.Api;
using Payments.TestServices;

namespace Payments.Functions.Tests.Reconciliation;

/// <summary>
/// GET /reconciliation on the embedded host, payments processed by its own worker and mock ramps. Keys carry only the
/// client role until API keys are configured with roles, so the finance desk's key is granted the role here.
/// </summary>
public sealed class ReconciliationEndpointTests : IAsyncLifetime
{
    private const string ClientKey = "key_client_0123456789";
    private const string FinanceKey = "key_finance_0123456789";

    private readonly TempDirectory _directory = new();
    private WebApplication? _app;
    private Uri _address = new("http://127.0.0.1/");

    public async Task InitializeAsync()
    {
        var options = new ServeOptions
        {
            Urls = "http://127.0.0.1:0",
            DataDirectory = _directory.Path,
            Ramps = new MockRampOptions { MinLatency = TimeSpan.Zero, MaxLatency = TimeSpan.FromMilliseconds(5) },
        };
        var keys = ApiKeyRing.FromConfiguration($"client_c:{ClientKey},finance_desk:{FinanceKey}:finance");
        _app = PaymentsHost.Build(options, keys);
        await _app.StartAsync();
        _address = new Uri(PaymentsHost.ListeningAddresses(_app).Single());
    }

    public async Task DisposeAsync()
    {
        await _app!.StopAsync();
        await _app.DisposeAsync();
        _directory.Dispose();
    }

    [Fact]
    public async Task Finance_gets_the_report_of_the_period_with_every_leg_matched()
    {
        var from = DateTimeOffset.UtcNow.AddSeconds(-1);
        using var client = Client(ClientKey);
        var first = await Pay(client, "125.50", "EUR");
        var second = await Pay(client, "80.00", "GBP");
        await Completed(client, first, second);
        using var finance = Client(FinanceKey);

        using var response = await finance.GetAsync($"/reconciliation?from={Rfc3339(from)}&to={Rfc3339(DateTimeOffset.UtcNow.AddSeconds(1))}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var report = await ApiRequests.Json(response);
        Assert.Equal((2, 4, 4, true), (report.GetProperty("payments").GetInt32(), report.GetProperty("statement_lines").GetInt32(), report.GetProperty("matched_legs").GetInt32(), report.GetProperty("clean").GetBoolean()));
        Assert.Empty(report.GetProperty("anomalies").EnumerateArray());
        Assert.Equal(
            [("EUR", "125.50"), ("GBP", "80.00")],
            report.GetProperty("currencies").EnumerateArray().Select(c => (c.GetProperty("currency").GetString(), c.GetProperty("completed").GetProperty("amount").GetString())));
    }

    [Theory]
    [InlineData("", "from:required,to:required")]
    [InlineData("?from=2026-02-01T00:00:00&to=2026-02-02T00:00:00Z", "from:invalid")]
    [InlineData("?from=2026-02-02T00:00:00Z&to=2026-02-01T00:00:00Z", "to:not_after_from")]
    public async Task Period_that_is_not_two_rfc_3339_times_in_order_is_400_naming_the_field(string query, string expected)
    {
        using var finance = Client(FinanceKey);

        using var response = await finance.GetAsync("/reconciliation" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await ApiRequests.Json(response)).GetProperty("errors").EnumerateArray().Select(e => $"{e.GetProperty("field").GetString()}:{e.GetProperty("code").GetString()}");
        Assert.Equal(expected, string.Join(',', errors));
    }

    [Fact]
    public async Task Route_is_finance_only_and_named_in_the_openapi_document()
    {
        using var client = Client(ClientKey);
        using var anonymous = Client(null);

        using var forbidden = await client.GetAsync("/reconciliation?from=2026-02-01T00:00:00Z&to=2026-02-02T00:00:00Z");
        using var unauthenticated = await anonymous.GetAsync("/reconciliation?from=2026-02-01T00:00:00Z&to=2026-02-02T00:00:00Z");
        using var document = await anonymous.GetAsync("/openapi/v1.json");

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Unauthorized), (forbidden.StatusCode, unauthenticated.StatusCode));
        var path = (await ApiRequests.Json(document)).GetProperty("paths").GetProperty("/reconciliation").GetProperty("get");
        Assert.Contains("finance", path.GetProperty("description").GetString(), StringComparison.Ordinal);
        Assert.True(path.GetProperty("responses").GetProperty("200").GetProperty("content").TryGetProperty("application/json", out _));
    }

    private HttpClient Client(string? key)
    {
        var client = new HttpClient { BaseAddress = _address };
        if (key is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return client;
    }

    private static async Task<Guid> Pay(HttpClient client, string amount, string currency)
    {
        var body = $$"""{"amount":"{{amount}}","currency":"{{currency}}","source_account":"DE89370400440532013000","destination_account":"MX-CLABE-032180000118359719"}""";
        using var response = await client.SendAsync(ApiRequests.Post(body, ApiRequests.NewKey()));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await ApiRequests.Json(response)).GetProperty("payment_id").GetGuid();
    }

    /// <summary>Until the read model lists every payment as COMPLETED: reconciliation finds a period's payments there.</summary>
    private static async Task Completed(HttpClient client, params Guid[] ids)
    {
        for (var poll = 0; poll < 600; poll++)
        {
            using var response = await client.GetAsync("/payments?status=COMPLETED&limit=100");
            var listed = (await ApiRequests.Json(response)).GetProperty("items").EnumerateArray().Select(p => p.GetProperty("payment_id").GetGuid()).ToHashSet();
            if (ids.All(listed.Contains))
            {
                return;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException("The payments never completed.");
    }

    private static string Rfc3339(DateTimeOffset time) => Uri.EscapeDataString(time.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", System.Globalization.CultureInfo.InvariantCulture));
}
