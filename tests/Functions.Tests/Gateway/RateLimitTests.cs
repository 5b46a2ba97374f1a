using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Payments.Functions.Api.Gateway;
using Payments.Functions.Tests.Hosting;

namespace Payments.Functions.Tests.Gateway;

public sealed class RateLimitTests
{
    private const string Keys = "shop:key_shop_0123456789,books:key_books_0123456789,big:key_big_0123456789";

    [Fact]
    public async Task Over_limit_client_gets_429_with_retry_after_while_another_client_is_unaffected()
    {
        await using var host = await TestHost.Start(options => options.RateLimit.PermitsPerSecond = 1, apiKeys: Keys);
        using var shop = Client(host, "key_shop_0123456789");
        using var books = Client(host, "key_books_0123456789");

        var refused = await FirstRefusal(shop, attempts: 6);
        using var other = await books.GetAsync("/payments");
        using var probe = await shop.GetAsync("/health/ready");

        Assert.NotNull(refused);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        var retryAfter = Assert.Single(refused.Headers.GetValues("Retry-After"));
        Assert.InRange(int.Parse(retryAfter, System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal(429, problem.RootElement.GetProperty("status").GetInt32());
        Assert.EndsWith("/rate-limited", problem.RootElement.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Matches("^[0-9a-f]{32}$", problem.RootElement.GetProperty("trace_id").GetString());
        Assert.Equal(HttpStatusCode.OK, other.StatusCode);
        Assert.Equal(HttpStatusCode.OK, probe.StatusCode);
        refused.Dispose();
    }

    [Fact]
    public async Task Per_client_override_applies_instead_of_the_default()
    {
        await using var host = await TestHost.Start(
            options =>
            {
                options.RateLimit.PermitsPerSecond = 1;
                options.RateLimit.Clients["big"] = new TokenBucketLimit { PermitsPerSecond = 1_000, Burst = 1_000 };
            },
            apiKeys: Keys);
        using var shop = Client(host, "key_shop_0123456789");
        using var big = Client(host, "key_big_0123456789");

        var bigRefused = await FirstRefusal(big, attempts: 20);
        var shopRefused = await FirstRefusal(shop, attempts: 6);

        Assert.Null(bigRefused);
        Assert.NotNull(shopRefused);
        shopRefused.Dispose();
    }

    [Fact]
    public async Task Requests_without_a_valid_key_are_limited_by_address_with_their_own_limit()
    {
        await using var host = await TestHost.Start(
            options =>
            {
                options.RateLimit.Anonymous = new TokenBucketLimit { PermitsPerSecond = 1, Burst = 2 };
                options.RateLimit.PermitsPerSecond = 1_000;
            },
            apiKeys: Keys);
        using var guesser = Client(host, "not_a_key_0123456789");
        using var shop = Client(host, "key_shop_0123456789");

        var refused = await FirstRefusal(guesser, attempts: 6);
        var shopRefused = await FirstRefusal(shop, attempts: 6);

        Assert.NotNull(refused);
        Assert.Null(shopRefused);
        refused.Dispose();
    }

    [Fact]
    public async Task Disabled_rate_limits_never_refuse()
    {
        await using var host = await TestHost.Start(
            options =>
            {
                options.RateLimit.Enabled = false;
                options.RateLimit.PermitsPerSecond = 1;
            },
            apiKeys: Keys);
        using var shop = Client(host, "key_shop_0123456789");

        Assert.Null(await FirstRefusal(shop, attempts: 6));
    }

    private static HttpClient Client(TestHost host, string key)
    {
        var client = new HttpClient { BaseAddress = host.Client.BaseAddress };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", key);
        return client;
    }

    /// <summary>The first 429 among back-to-back requests, or null: a bucket of 2 filling at 1/s empties within six unless each request takes most of a second.</summary>
    private static async Task<HttpResponseMessage?> FirstRefusal(HttpClient client, int attempts)
    {
        for (var i = 0; i < attempts; i++)
        {
            var response = await client.GetAsync("/payments");
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                return response;
            }

            Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Unauthorized, $"unexpected {(int)response.StatusCode}");
            response.Dispose();
        }

        return null;
    }
}
