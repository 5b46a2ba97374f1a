using System.Net;
using System.Text.Json;
using Payments.TestServices;

namespace Payments.Functions.Tests.Api;

public sealed class CreatePaymentTests(ApiHostFixture host) : IClassFixture<ApiHostFixture>
{
    [Fact]
    public async Task Valid_post_returns_202_with_location_and_pending_payment()
    {
        using var client = host.Client();

        using var response = await client.SendAsync(ApiRequests.Post(ApiRequests.ValidBody, ApiRequests.NewKey()));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = await ApiRequests.Json(response);
        var id = body.GetProperty("payment_id").GetGuid();
        Assert.Equal($"/payments/{id}", response.Headers.Location?.OriginalString);
        Assert.Equal("PENDING", body.GetProperty("status").GetString());
        Assert.Equal("125.50", body.GetProperty("amount").GetString());
        Assert.Equal("EUR", body.GetProperty("currency").GetString());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("on_ramp_tx_id").ValueKind);
    }

    [Theory]
    [InlineData("\"10.10\"", "USD", "10.10")]
    [InlineData("10.10", "USD", "10.10")]
    [InlineData("0.1", "USD", "0.10")]
    [InlineData("1500", "JPY", "1500")]
    [InlineData("\"9999999.99\"", "USD", "9999999.99")]
    public async Task Amount_as_number_or_string_is_kept_exactly(string amountJson, string currency, string expected)
    {
        using var client = host.Client();
        var body = $$"""{"amount":{{amountJson}},"currency":"{{currency}}","source_account":"a-1","destination_account":"b-2"}""";

        using var response = await client.SendAsync(ApiRequests.Post(body, ApiRequests.NewKey()));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(expected, (await ApiRequests.Json(response)).GetProperty("amount").GetString());
    }

    [Fact]
    public async Task Duplicate_key_with_same_body_returns_409_naming_the_existing_payment()
    {
        using var client = host.Client();
        var key = ApiRequests.NewKey();
        using var first = await client.SendAsync(ApiRequests.Post(ApiRequests.ValidBody, key));
        var id = (await ApiRequests.Json(first)).GetProperty("payment_id").GetGuid();
        var before = host.EventCount;

        using var retry = await client.SendAsync(ApiRequests.Post(ApiRequests.ValidBody.Replace("125.50", "125.5", StringComparison.Ordinal), key));

        Assert.Equal(HttpStatusCode.Conflict, retry.StatusCode);
        Assert.Equal("application/problem+json", retry.Content.Headers.ContentType?.MediaType);
        Assert.Equal("true", Assert.Single(retry.Headers.GetValues("Idempotent-Replayed")));
        var problem = await ApiRequests.Json(retry);
        Assert.Equal(id, problem.GetProperty("payment_id").GetGuid());
        Assert.Equal("PENDING", problem.GetProperty("payment_status").GetString());
        Assert.Equal(before, host.EventCount);
    }

    [Fact]
    public async Task Retry_with_accounts_in_nfc_instead_of_nfd_is_the_same_request_and_returns_409()
    {
        using var client = host.Client();
        var key = ApiRequests.NewKey();
        const string Decomposed = """{"amount":"10.00","currency":"EUR","source_account":"Cafe\u0301-1","destination_account":"N\u0303andu-2"}""";
        const string Composed = """{"amount":"10.00","currency":"EUR","source_account":"Caf\u00E9-1","destination_account":"\u00D1andu-2"}""";
        using var first = await client.SendAsync(ApiRequests.Post(Decomposed, key));
        var created = await ApiRequests.Json(first);
        var before = host.EventCount;

        using var retry = await client.SendAsync(ApiRequests.Post(Composed, key));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal("Caf\u00E9-1", created.GetProperty("source_account").GetString());
        Assert.Equal(HttpStatusCode.Conflict, retry.StatusCode);
        Assert.Equal(created.GetProperty("payment_id").GetGuid(), (await ApiRequests.Json(retry)).GetProperty("payment_id").GetGuid());
        Assert.Equal(before, host.EventCount);
    }

    [Fact]
    public async Task Duplicate_key_with_different_body_returns_422_and_writes_nothing()
    {
        using var client = host.Client();
        var key = ApiRequests.NewKey();
        using var first = await client.SendAsync(ApiRequests.Post(ApiRequests.ValidBody, key));
        var before = host.EventCount;

        using var clash = await client.SendAsync(ApiRequests.Post(ApiRequests.ValidBody.Replace("125.50", "125.51", StringComparison.Ordinal), key));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, clash.StatusCode);
        Assert.Contains("different", (await ApiRequests.Json(clash)).GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(before, host.EventCount);
    }

    [Fact]
    public async Task Same_key_from_two_clients_creates_two_payments()
    {
        using var a = host.Client(ApiHostFixture.KeyA);
        using var b = host.Client(ApiHostFixture.KeyB);
        var key = ApiRequests.NewKey();

        using var fromA = await a.SendAsync(ApiRequests.Post(ApiRequests.ValidBody, key));
        using var fromB = await b.SendAsync(ApiRequests.Post(ApiRequests.ValidBody, key));

        Assert.Equal(HttpStatusCode.Accepted, fromA.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, fromB.StatusCode);
        Assert.NotEqual((await ApiRequests.Json(fromA)).GetProperty("payment_id").GetGuid(), (await ApiRequests.Json(fromB)).GetProperty("payment_id").GetGuid());
    }

    [Fact]
    public async Task Hundred_concurrent_posts_with_one_key_create_exactly_one_payment()
    {
        using var client = host.Client();
        var key = ApiRequests.NewKey();
        var before = host.EventCount;

        var results = await StartingGun.Race(100, async _ =>
        {
            using var response = await client.SendAsync(ApiRequests.Post(ApiRequests.ValidBody, key));
            return (response.StatusCode, Id: (await ApiRequests.Json(response)).GetProperty("payment_id").GetGuid());
        });

        Assert.Equal(1, results.Count(r => r.StatusCode == HttpStatusCode.Accepted));
        Assert.Equal(99, results.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Single(results.Select(r => r.Id).Distinct());
        Assert.Equal(before + 1, host.EventCount);
    }
}
