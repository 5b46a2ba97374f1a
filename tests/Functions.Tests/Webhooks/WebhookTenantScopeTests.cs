using System.Net;

namespace Payments.Functions.Tests.Webhooks;

/// <summary>Another client's endpoint, delivery or payment answers exactly like a missing one, on every route, and is left unchanged.</summary>
public sealed class WebhookTenantScopeTests(WebhookApiFixture host) : IClassFixture<WebhookApiFixture>
{
    /// <summary>Method, path ({endpoint}, {delivery} and {payment} are client A's), body ({since} is an hour ago).</summary>
    public static TheoryData<string, string, string?> Routes() => new()
    {
        { "GET", "/webhook-endpoints/{endpoint}", null },
        { "PATCH", "/webhook-endpoints/{endpoint}", """{"enabled":false}""" },
        { "DELETE", "/webhook-endpoints/{endpoint}", null },
        { "POST", "/webhook-endpoints/{endpoint}/rotate-secret", null },
        { "GET", "/webhook-endpoints/{endpoint}/attempts", null },
        { "POST", "/webhook-endpoints/{endpoint}/recover", """{"since":"{since}"}""" },
        { "POST", "/webhook-deliveries/{delivery}/redeliver", null },
        { "GET", "/payments/{payment}/deliveries", null },
    };

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task Another_clients_resource_is_404_like_a_missing_one(string method, string path, string? body)
    {
        var endpoint = await host.CreateEndpoint(WebhookApiFixture.KeyA);
        var endpointId = endpoint.GetProperty("id").GetString()!;
        var paymentId = await host.CreatePayment(WebhookApiFixture.KeyA);
        var delivery = await host.SeedDelivery("client_a", endpointId, paymentId);
        body = body?.Replace("{since}", DateTimeOffset.UtcNow.AddHours(-1).ToString("O"), StringComparison.Ordinal);
        using var clientB = host.Client(WebhookApiFixture.KeyB);

        using var foreign = await Send(clientB, method, path.Replace("{endpoint}", endpointId, StringComparison.Ordinal)
            .Replace("{delivery}", delivery.DeliveryId, StringComparison.Ordinal)
            .Replace("{payment}", paymentId.ToString(), StringComparison.Ordinal), body);
        using var missing = await Send(clientB, method, path.Replace("{endpoint}", "ep_0000", StringComparison.Ordinal)
            .Replace("{delivery}", "dlv_0000", StringComparison.Ordinal)
            .Replace("{payment}", Guid.NewGuid().ToString(), StringComparison.Ordinal), body);

        var foreignBody = await WebhookApiFixture.Read(foreign);
        Assert.Equal(HttpStatusCode.NotFound, foreign.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal((await WebhookApiFixture.Read(missing)).GetProperty("type").GetString(), foreignBody.GetProperty("type").GetString());
        using var clientA = host.Client(WebhookApiFixture.KeyA);
        using var unchanged = await clientA.GetAsync(new Uri($"/webhook-endpoints/{endpointId}", UriKind.Relative));
        var stored = await WebhookApiFixture.Read(unchanged);
        Assert.Equal(HttpStatusCode.OK, unchanged.StatusCode);
        Assert.Equal(endpoint.GetProperty("updated_at").GetDateTimeOffset(), stored.GetProperty("updated_at").GetDateTimeOffset());
        Assert.True(stored.GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task Another_clients_endpoints_are_not_in_the_list()
    {
        var id = (await host.CreateEndpoint(WebhookApiFixture.KeyA)).GetProperty("id").GetString();
        using var clientB = host.Client(WebhookApiFixture.KeyB);

        var list = await WebhookApiFixture.Read(await clientB.GetAsync(new Uri("/webhook-endpoints", UriKind.Relative)));

        Assert.DoesNotContain(id, list.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetString()));
    }

    private static Task<HttpResponseMessage> Send(HttpClient http, string method, string path, string? body)
    {
        var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative))
        {
            Content = body is null ? null : WebhookApiFixture.Json(body),
        };
        return http.SendAsync(request);
    }
}
