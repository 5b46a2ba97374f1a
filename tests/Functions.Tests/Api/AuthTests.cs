using System.Net;
using System.Net.Http.Headers;

namespace Payments.Functions.Tests.Api;

public sealed class AuthTests(ApiHostFixture host) : IClassFixture<ApiHostFixture>
{
    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-key")]
    [InlineData("Bearer ")]
    [InlineData("Basic a2V5X2FfMDEyMzQ1Njc4OQ==")]
    [InlineData("key_a_0123456789")]
    public async Task Missing_or_invalid_key_is_401_problem_and_writes_nothing(string? authorization)
    {
        using var client = host.Client(apiKey: null);
        var request = ApiRequests.Post(ApiRequests.ValidBody, ApiRequests.NewKey());
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }

        var before = host.EventCount;
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
        Assert.Equal(before, host.EventCount);
    }

    [Fact]
    public async Task Reads_without_key_are_401()
    {
        using var client = host.Client(apiKey: null);

        using var list = await client.GetAsync("/payments");

        Assert.Equal(HttpStatusCode.Unauthorized, list.StatusCode);
    }

    [Fact]
    public async Task Another_clients_payment_is_404_and_absent_from_its_list()
    {
        using var a = host.Client(ApiHostFixture.KeyA);
        using var b = host.Client(ApiHostFixture.KeyB);
        using var created = await a.SendAsync(ApiRequests.Post(ApiRequests.ValidBody, ApiRequests.NewKey()));
        var id = (await ApiRequests.Json(created)).GetProperty("payment_id").GetGuid();

        using var get = await b.GetAsync($"/payments/{id}");
        using var events = await b.GetAsync($"/payments/{id}/events");
        using var list = await b.GetAsync("/payments?limit=100");

        Assert.Equal(HttpStatusCode.NotFound, get.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, events.StatusCode);
        Assert.DoesNotContain((await ApiRequests.Json(list)).GetProperty("items").EnumerateArray(), p => p.GetProperty("payment_id").GetGuid() == id);
    }

    [Fact]
    public async Task Scheme_name_is_case_insensitive()
    {
        using var client = host.Client(apiKey: null);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("bearer", ApiHostFixture.KeyA);

        using var response = await client.GetAsync("/payments");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
