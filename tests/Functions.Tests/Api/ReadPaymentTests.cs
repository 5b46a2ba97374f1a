using System.Net;
using System.Text.Json;

namespace Payments.Functions.Tests.Api;

public sealed class ReadPaymentTests(ApiHostFixture host) : IClassFixture<ApiHostFixture>
{
    [Fact]
    public async Task Get_right_after_202_returns_the_payment()
    {
        using var client = host.Client();
        using var created = await client.SendAsync(ApiRequests.Post(ApiRequests.ValidBody, ApiRequests.NewKey()));

        using var response = await client.GetAsync(created.Headers.Location);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ApiRequests.Json(response);
        Assert.Equal((await ApiRequests.Json(created)).GetProperty("payment_id").GetGuid(), body.GetProperty("payment_id").GetGuid());
        Assert.Equal("PENDING", body.GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("/payments/01a212aa-58fe-7bb1-809e-c847ef7dbf1b")]
    [InlineData("/payments/not-a-uuid")]
    [InlineData("/payments/01a212aa-58fe-7bb1-809e-c847ef7dbf1b/events")]
    [InlineData("/payments/%20/events")]
    public async Task Unknown_or_malformed_payment_id_is_404_problem(string path)
    {
        using var client = host.Client();

        using var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Events_endpoint_returns_ordered_history_with_hashes_and_intact_chain()
    {
        using var client = host.Client();
        using var created = await client.SendAsync(ApiRequests.Post(ApiRequests.ValidBody, ApiRequests.NewKey()));

        using var response = await client.GetAsync(created.Headers.Location + "/events");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await ApiRequests.Json(response);
        Assert.True(body.GetProperty("chain_intact").GetBoolean());
        var first = Assert.Single(body.GetProperty("events").EnumerateArray());
        Assert.Equal(1, first.GetProperty("version").GetInt64());
        Assert.Equal("PaymentRequested", first.GetProperty("type").GetString());
        Assert.Matches("^[0-9a-f]{64}$", first.GetProperty("hash").GetString());
        Assert.Equal(125.50m, first.GetProperty("data").GetProperty("amount").GetDecimal());
        Assert.Equal("client:client_a", first.GetProperty("actor").GetString());
    }

    [Fact]
    public async Task Correlation_id_header_is_recorded_on_the_event()
    {
        using var client = host.Client();
        var request = ApiRequests.Post(ApiRequests.ValidBody, ApiRequests.NewKey());
        request.Headers.Add("X-Correlation-Id", "corr-from-client-42");
        using var created = await client.SendAsync(request);

        using var history = await client.GetAsync(created.Headers.Location + "/events");

        var first = (await ApiRequests.Json(history)).GetProperty("events")[0];
        Assert.Equal("corr-from-client-42", first.GetProperty("correlation_id").GetString());
    }

    [Fact]
    public async Task List_returns_callers_payments_newest_first_across_pages()
    {
        using var client = host.Client(ApiHostFixture.KeyB);
        var created = new List<Guid>();
        for (var i = 0; i < 5; i++)
        {
            using var response = await client.SendAsync(ApiRequests.Post(ApiRequests.ValidBody, ApiRequests.NewKey()));
            created.Add((await ApiRequests.Json(response)).GetProperty("payment_id").GetGuid());
        }

        var seen = new List<Guid>();
        string? cursor = null;
        do
        {
            using var page = await client.GetAsync("/payments?limit=2" + (cursor is null ? "" : "&cursor=" + cursor));
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            var body = await ApiRequests.Json(page);
            seen.AddRange(body.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("payment_id").GetGuid()));
            cursor = body.GetProperty("next_cursor").ValueKind == JsonValueKind.Null ? null : body.GetProperty("next_cursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(Enumerable.Reverse(created), seen.Where(created.Contains));
    }

    [Fact]
    public async Task List_filters_by_status()
    {
        using var client = host.Client();
        using var created = await client.SendAsync(ApiRequests.Post(ApiRequests.ValidBody, ApiRequests.NewKey()));

        using var pending = await client.GetAsync("/payments?status=PENDING&limit=100");
        using var completed = await client.GetAsync("/payments?status=COMPLETED&limit=100");

        Assert.NotEmpty((await ApiRequests.Json(pending)).GetProperty("items").EnumerateArray());
        Assert.Empty((await ApiRequests.Json(completed)).GetProperty("items").EnumerateArray());
    }

    [Theory]
    [InlineData("?status=pending", "status")]
    [InlineData("?status=DONE", "status")]
    [InlineData("?limit=0", "limit")]
    [InlineData("?limit=101", "limit")]
    [InlineData("?limit=-3", "limit")]
    [InlineData("?limit=ten", "limit")]
    [InlineData("?cursor=nope", "cursor")]
    [InlineData("?attention=yes", "attention")]
    public async Task List_with_bad_query_is_400_naming_the_parameter(string query, string field)
    {
        using var client = host.Client();

        using var response = await client.GetAsync("/payments" + query);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains((await ApiRequests.Json(response)).GetProperty("errors").EnumerateArray(), e => e.GetProperty("field").GetString() == field);
    }

    [Fact]
    public async Task Health_and_openapi_need_no_key()
    {
        using var anonymous = host.Client(apiKey: null);

        using var health = await anonymous.GetAsync("/health");
        using var openApi = await anonymous.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal("ok", (await ApiRequests.Json(health)).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.OK, openApi.StatusCode);
        Assert.True((await ApiRequests.Json(openApi)).GetProperty("paths").TryGetProperty("/payments", out _));
    }
}
