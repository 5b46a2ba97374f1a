using System.Net;
using System.Text.Json;

namespace Payments.Functions.Tests.Api;

/// <summary>Every bad request gets a 4xx with a machine-readable reason and leaves the log untouched.</summary>
public sealed class MalformedInputTests(ApiHostFixture host) : IClassFixture<ApiHostFixture>
{
    private const string Valid = ApiRequests.ValidBody;

    public static TheoryData<string, string, string?, string, int, string> Cases() => new()
    {
        { "missing key", Valid, null, "application/json", 400, "Idempotency-Key" },
        { "256-char key", Valid, new string('k', 256), "application/json", 400, "Idempotency-Key" },
        { "non-ASCII key", Valid, "clé-ünïcode", "application/json", 400, "Idempotency-Key" },
        { "key with space", Valid, "two words", "application/json", 400, "Idempotency-Key" },
        { "amount 0", Body("0"), "k", "application/json", 400, "amount" },
        { "amount -1", Body("-1"), "k", "application/json", 400, "amount" },
        { "amount 1e30", Body("1e30"), "k", "application/json", 400, "amount" },
        { "amount 1e2", Body("1e2"), "k", "application/json", 400, "amount" },
        { "amount abc", Body("\"abc\""), "k", "application/json", 400, "amount" },
        { "amount as bool", Body("true"), "k", "application/json", 400, "amount" },
        { "amount 0.001 USD", Body("0.001"), "k", "application/json", 400, "amount" },
        { "amount 1.5 JPY", Body("1.5", "JPY"), "k", "application/json", 400, "amount" },
        { "amount over maximum", Body("\"10000000.01\""), "k", "application/json", 400, "amount" },
        { "amount with 40 digits", Body("1234567890123456789012345678901234567890"), "k", "application/json", 400, "amount" },
        { "unknown currency", Body("10", "XYZ"), "k", "application/json", 400, "currency" },
        { "lowercase currency", Body("10", "usd"), "k", "application/json", 400, "currency" },
        { "currency as number", """{"amount":10,"currency":840,"source_account":"a","destination_account":"b"}""", "k", "application/json", 400, "currency" },
        { "missing fields", "{}", "k", "application/json", 400, "amount" },
        { "null fields", """{"amount":null,"currency":null,"source_account":null,"destination_account":null}""", "k", "application/json", 400, "source_account" },
        { "same source and destination", """{"amount":10,"currency":"USD","source_account":"a","destination_account":"a"}""", "k", "application/json", 400, "destination_account" },
        { "overlong account", $$"""{"amount":10,"currency":"USD","source_account":"{{new string('a', 200)}}","destination_account":"b"}""", "k", "application/json", 400, "source_account" },
        { "control char in account", """{"amount":10,"currency":"USD","source_account":"a\u0007b","destination_account":"b"}""", "k", "application/json", 400, "source_account" },
        { "unknown field", """{"amount":10,"currency":"USD","source_account":"a","destination_account":"b","memo":"x"}""", "k", "application/json", 400, "memo" },
        { "truncated JSON", """{"amount":10,"currency":"US""", "k", "application/json", 400, "body" },
        { "JSON array body", $"[{Valid}]", "k", "application/json", 400, "body" },
        { "JSON string body", "\"pay me\"", "k", "application/json", 400, "body" },
        { "empty body", "", "k", "application/json", 400, "body" },
        { "trailing garbage", Valid + "x", "k", "application/json", 400, "body" },
        { "1 MiB body", Body("10") + new string(' ', 1024 * 1024), "k", "application/json", 413, "" },
        { "17 KiB body", $$"""{"amount":10,"currency":"USD","source_account":"{{new string('a', 17 * 1024)}}","destination_account":"b"}""", "k", "application/json", 413, "" },
        { "text/plain", Valid, "k", "text/plain", 415, "" },
        { "form content type", Valid, "k", "application/x-www-form-urlencoded", 415, "" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Malformed_request_gets_4xx_with_reason_and_writes_nothing(string name, string body, string? key, string contentType, int status, string field)
    {
        using var client = host.Client();
        var before = host.EventCount;

        using var response = await client.SendAsync(ApiRequests.Post(body, key is null ? null : key + "-" + name.GetHashCode(StringComparison.Ordinal), contentType));

        Assert.Equal((HttpStatusCode)status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await ApiRequests.Json(response);
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        if (field.Length > 0)
        {
            var errors = problem.GetProperty("errors").EnumerateArray().ToList();
            Assert.Contains(errors, e => e.GetProperty("field").GetString() == field && e.GetProperty("message").GetString()!.Length > 0);
        }

        Assert.Equal(before, host.EventCount);
    }

    [Fact]
    public async Task Validation_reports_every_broken_field_at_once()
    {
        using var client = host.Client();

        using var response = await client.SendAsync(ApiRequests.Post("""{"amount":-5,"currency":"usd","source_account":"","destination_account":null}""", null));

        var fields = (await ApiRequests.Json(response)).GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("field").GetString()).ToHashSet();
        Assert.Superset(new HashSet<string?> { "Idempotency-Key", "amount", "currency", "source_account", "destination_account" }, fields);
    }

    [Fact]
    public async Task Problem_details_do_not_leak_dotnet_type_names()
    {
        using var client = host.Client();

        using var response = await client.SendAsync(ApiRequests.Post("""{"amount":10,"currency":"USD","source_account":"a","destination_account":"b","memo":1}""", "k-leak"));

        var text = (await ApiRequests.Json(response)).GetRawText();
        Assert.DoesNotContain("Payments.", text, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", text, StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Array, (await ApiRequests.Json(response)).GetProperty("errors").ValueKind);
    }

    private static string Body(string amount, string currency = "USD") =>
        $$"""{"amount":{{amount}},"currency":"{{currency}}","source_account":"acct-src","destination_account":"acct-dst"}""";
}
