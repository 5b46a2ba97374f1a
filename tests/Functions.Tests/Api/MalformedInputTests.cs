using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Payments.Domain.Requests;

namespace Payments.Functions.Tests.Api;

/// <summary>Every bad request gets a 4xx with a machine-readable reason and leaves the log untouched.</summary>
public sealed class MalformedInputTests(ApiHostFixture host) : IClassFixture<ApiHostFixture>
{
    private const string Valid = ApiRequests.ValidBody;

    /// <summary>Name, body, Idempotency-Key, content type, then the expected status, field and stable code.</summary>
    public static TheoryData<string, string, string?, string, int, string, string> Cases() => new()
    {
        { "missing key", Valid, null, "application/json", 400, "Idempotency-Key", "required" },
        { "256-char key", Valid, new string('k', 256), "application/json", 400, "Idempotency-Key", "invalid" },
        { "non-ASCII key", Valid, "clé-ünïcode", "application/json", 400, "Idempotency-Key", "invalid" },
        { "key with space", Valid, "two words", "application/json", 400, "Idempotency-Key", "invalid" },
        { "key with zero-width space", Valid, "key\u200B", "application/json", 400, "Idempotency-Key", "invalid" },
        { "key with right-to-left override", Valid, "key\u202Eyek", "application/json", 400, "Idempotency-Key", "invalid" },
        { "amount 0", Body("0"), "k", "application/json", 400, "amount", "not_positive" },
        { "amount -1", Body("-1"), "k", "application/json", 400, "amount", "not_positive" },
        { "amount 1e30", Body("1e30"), "k", "application/json", 400, "amount", "not_plain_decimal" },
        { "amount 1e2", Body("1e2"), "k", "application/json", 400, "amount", "not_plain_decimal" },
        { "amount 1E+3", Body("1E+3"), "k", "application/json", 400, "amount", "not_plain_decimal" },
        { "amount \"1e3\"", Body("\"1e3\""), "k", "application/json", 400, "amount", "not_plain_decimal" },
        { "amount \"+10\"", Body("\"+10\""), "k", "application/json", 400, "amount", "not_plain_decimal" },
        { "amount +10 bare", Body("+10"), "k", "application/json", 400, "body", "malformed" },
        { "amount \"NaN\"", Body("\"NaN\""), "k", "application/json", 400, "amount", "not_plain_decimal" },
        { "amount \"Infinity\"", Body("\"Infinity\""), "k", "application/json", 400, "amount", "not_plain_decimal" },
        { "amount NaN bare", Body("NaN"), "k", "application/json", 400, "body", "malformed" },
        { "amount \"007\"", Body("\"007\""), "k", "application/json", 400, "amount", "not_plain_decimal" },
        { "amount \" 10\"", Body("\" 10\""), "k", "application/json", 400, "amount", "not_plain_decimal" },
        { "amount abc", Body("\"abc\""), "k", "application/json", 400, "amount", "not_plain_decimal" },
        { "amount as bool", Body("true"), "k", "application/json", 400, "amount", "wrong_type" },
        { "amount as object", Body("{}"), "k", "application/json", 400, "amount", "wrong_type" },
        { "amount 0.001 USD", Body("0.001"), "k", "application/json", 400, "amount", "too_precise" },
        { "amount 10.005 EUR", Body("10.005", "EUR"), "k", "application/json", 400, "amount", "too_precise" },
        { "amount 1.5 JPY", Body("1.5", "JPY"), "k", "application/json", 400, "amount", "too_precise" },
        { "amount 29 decimals", Body("0.00000000000000000000000000001"), "k", "application/json", 400, "amount", "too_precise" },
        { "amount 29 significant digits", Body("1.0000000000000000000000000001"), "k", "application/json", 400, "amount", "too_many_digits" },
        { "amount 31 significant digits as string", Body("\"10.00000000000000000000000000001\""), "k", "application/json", 400, "amount", "too_many_digits" },
        { "amount over maximum", Body("\"10000000.01\""), "k", "application/json", 400, "amount", "too_large" },
        { "amount with 40 digits", Body("1234567890123456789012345678901234567890"), "k", "application/json", 400, "amount", "too_many_digits" },
        { "amount with 5000 digits", Body(new string('9', 5000)), "k", "application/json", 400, "amount", "too_many_digits" },
        { "unknown currency", Body("10", "XYZ"), "k", "application/json", 400, "currency", "unsupported" },
        { "lowercase currency", Body("10", "usd"), "k", "application/json", 400, "currency", "unsupported" },
        { "currency as number", """{"amount":10,"currency":840,"source_account":"a","destination_account":"b"}""", "k", "application/json", 400, "currency", "wrong_type" },
        { "missing fields", "{}", "k", "application/json", 400, "amount", "required" },
        { "null fields", """{"amount":null,"currency":null,"source_account":null,"destination_account":null}""", "k", "application/json", 400, "source_account", "required" },
        { "same source and destination", """{"amount":10,"currency":"USD","source_account":"a","destination_account":"a"}""", "k", "application/json", 400, "destination_account", "same_as_source" },
        { "same account as NFD and NFC", """{"amount":10,"currency":"USD","source_account":"Cafe\u0301","destination_account":"Caf\u00E9"}""", "k", "application/json", 400, "destination_account", "same_as_source" },
        { "overlong account", $$"""{"amount":10,"currency":"USD","source_account":"{{new string('a', 200)}}","destination_account":"b"}""", "k", "application/json", 400, "source_account", "too_long" },
        { "control char in account", """{"amount":10,"currency":"USD","source_account":"a\u0007b","destination_account":"b"}""", "k", "application/json", 400, "source_account", "not_printable" },
        { "line separator in account", """{"amount":10,"currency":"USD","source_account":"a\u2028b","destination_account":"b"}""", "k", "application/json", 400, "source_account", "not_printable" },
        { "leading no-break space in account", """{"amount":10,"currency":"USD","source_account":"\u00A0ab","destination_account":"b"}""", "k", "application/json", 400, "source_account", "not_printable" },
        { "zero-width space in account", """{"amount":10,"currency":"USD","source_account":"DE89\u200B3704","destination_account":"b"}""", "k", "application/json", 400, "source_account", "invisible_character" },
        { "raw zero-width space in account", "{\"amount\":10,\"currency\":\"USD\",\"source_account\":\"DE89\u200B3704\",\"destination_account\":\"b\"}", "k", "application/json", 400, "source_account", "invisible_character" },
        { "right-to-left override in account", """{"amount":10,"currency":"USD","source_account":"a","destination_account":"acct\u202E1234"}""", "k", "application/json", 400, "destination_account", "invisible_character" },
        { "byte order mark in account", """{"amount":10,"currency":"USD","source_account":"\uFEFFab","destination_account":"b"}""", "k", "application/json", 400, "source_account", "invisible_character" },
        { "bidi isolates in account", """{"amount":10,"currency":"USD","source_account":"a\u2066b\u2069","destination_account":"b"}""", "k", "application/json", 400, "source_account", "invisible_character" },
        { "tag character in account", """{"amount":10,"currency":"USD","source_account":"ab\uDB40\uDC41","destination_account":"b"}""", "k", "application/json", 400, "source_account", "invisible_character" },
        { "inner no-break space in account", """{"amount":10,"currency":"USD","source_account":"DE89\u00A03704","destination_account":"b"}""", "k", "application/json", 400, "source_account", "invisible_character" },
        { "private-use char in account", """{"amount":10,"currency":"USD","source_account":"ab\uE000","destination_account":"b"}""", "k", "application/json", 400, "source_account", "private_use_character" },
        { "unassigned char in account", """{"amount":10,"currency":"USD","source_account":"ab\u0378","destination_account":"b"}""", "k", "application/json", 400, "source_account", "unassigned_character" },
        { "lone surrogate in account", """{"amount":10,"currency":"USD","source_account":"ab\uD800","destination_account":"b"}""", "k", "application/json", 400, "source_account", "invalid_unicode" },
        { "unknown field", """{"amount":10,"currency":"USD","source_account":"a","destination_account":"b","memo":"x"}""", "k", "application/json", 400, "memo", "unknown_member" },
        { "duplicate amount", """{"amount":10,"currency":"USD","source_account":"a","destination_account":"b","amount":1000}""", "k", "application/json", 400, "amount", "duplicate_member" },
        { "duplicate account", """{"amount":10,"currency":"USD","source_account":"a","source_account":"c","destination_account":"b"}""", "k", "application/json", 400, "source_account", "duplicate_member" },
        { "duplicate amount, one escaped", """{"amount":10,"currency":"USD","source_account":"a","destination_account":"b","\u0061mount":1000}""", "k", "application/json", 400, "amount", "duplicate_member" },
        { "duplicate member nested", """{"amount":10,"currency":"USD","source_account":"a","destination_account":"b","memo":{"x":1,"x":2}}""", "k", "application/json", 400, "memo.x", "duplicate_member" },
        { "duplicate member in array", """{"amount":10,"currency":"USD","source_account":"a","destination_account":"b","memo":[{"x":1},{"y":1,"y":2}]}""", "k", "application/json", 400, "memo[].y", "duplicate_member" },
        { "amount and Amount", """{"amount":10,"currency":"USD","source_account":"a","destination_account":"b","Amount":1000}""", "k", "application/json", 400, "Amount", "unknown_member" },
        { "Amount alone", """{"Amount":10,"currency":"USD","source_account":"a","destination_account":"b"}""", "k", "application/json", 400, "Amount", "unknown_member" },
        { "truncated JSON", """{"amount":10,"currency":"US""", "k", "application/json", 400, "body", "malformed" },
        { "JSON array body", $"[{Valid}]", "k", "application/json", 400, "body", "not_an_object" },
        { "JSON string body", "\"pay me\"", "k", "application/json", 400, "body", "not_an_object" },
        { "empty body", "", "k", "application/json", 400, "body", "malformed" },
        { "trailing garbage", Valid + "x", "k", "application/json", 400, "body", "malformed" },
        { "1 MiB body", Body("10") + new string(' ', 1024 * 1024), "k", "application/json", 413, "", "" },
        { "17 KiB body", $$"""{"amount":10,"currency":"USD","source_account":"{{new string('a', 17 * 1024)}}","destination_account":"b"}""", "k", "application/json", 413, "", "" },
        { "text/plain", Valid, "k", "text/plain", 415, "", "" },
        { "form content type", Valid, "k", "application/x-www-form-urlencoded", 415, "", "" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Malformed_request_gets_4xx_with_reason_and_code_and_stores_neither_payment_nor_key(
        string name, string body, string? key, string contentType, int status, string field, string code)
    {
        using var client = host.Client();
        var before = host.EventCount;
        var sentKey = key is null ? null : key + "-" + name.GetHashCode(StringComparison.Ordinal);

        using var response = await client.SendAsync(ApiRequests.Post(body, sentKey, contentType));

        Assert.Equal((HttpStatusCode)status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await ApiRequests.Json(response);
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        if (field.Length > 0)
        {
            var errors = problem.GetProperty("errors").EnumerateArray().ToList();
            Assert.Contains(errors, e => e.GetProperty("field").GetString() == field && e.GetProperty("code").GetString() == code && e.GetProperty("message").GetString()!.Length > 0);
            Assert.All(errors, e => Assert.Matches("^[a-z][a-z_]*$", e.GetProperty("code").GetString()));
        }

        Assert.Equal(before, host.EventCount);
        if (IdempotencyKey.TryParse(sentKey, out _, out _))
        {
            using var retry = await client.SendAsync(ApiRequests.Post(Valid, sentKey));
            Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        }
    }

    [Fact]
    public async Task Idempotency_key_sent_twice_is_400_and_stores_nothing()
    {
        var before = host.EventCount;
        var key = ApiRequests.NewKey();

        var (status, body) = await RawPost(key, ApiRequests.NewKey());

        Assert.Equal(400, status);
        Assert.Contains("\"code\":\"duplicate_header\"", body, StringComparison.Ordinal);
        Assert.Equal(before, host.EventCount);
        using var client = host.Client();
        using var retry = await client.SendAsync(ApiRequests.Post(Valid, key));
        Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
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

    /// <summary>Two Idempotency-Key header lines, which HttpClient would fold into one.</summary>
    private async Task<(int Status, string Body)> RawPost(params string[] keys)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(host.BaseAddress.Host, host.BaseAddress.Port);
        var stream = tcp.GetStream();
        var head = new StringBuilder()
            .Append("POST /payments HTTP/1.1\r\n")
            .Append(CultureInfo.InvariantCulture, $"Host: {host.BaseAddress.Authority}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Authorization: Bearer {ApiHostFixture.KeyA}\r\n")
            .Append("Content-Type: application/json\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Length: {Encoding.UTF8.GetByteCount(Valid)}\r\n")
            .Append("Connection: close\r\n");
        foreach (var key in keys)
        {
            head.Append(CultureInfo.InvariantCulture, $"Idempotency-Key: {key}\r\n");
        }

        await stream.WriteAsync(Encoding.UTF8.GetBytes(head.Append("\r\n").Append(Valid).ToString()));
        var response = await new StreamReader(stream, Encoding.UTF8).ReadToEndAsync();
        return (int.Parse(response.Split(' ')[1], CultureInfo.InvariantCulture), response);
    }

    private static string Body(string amount, string currency = "USD") =>
        $$"""{"amount":{{amount}},"currency":"{{currency}}","source_account":"acct-src","destination_account":"acct-dst"}""";
}
