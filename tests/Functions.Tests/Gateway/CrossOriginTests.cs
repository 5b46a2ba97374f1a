using System.Net;
using Payments.Aws.Topology;
using Payments.Functions.Api.Gateway;
using Payments.Functions.Tests.Hosting;

namespace Payments.Functions.Tests.Gateway;

public sealed class CrossOriginTests
{
    private const string Dashboard = "https://dashboard.example";

    [Fact]
    public async Task Allowed_origin_gets_the_cors_headers_on_simple_and_preflight_requests()
    {
        await using var host = await TestHost.Start(options => options.Cors.AllowedOrigins = Dashboard + ",http://localhost:3000");

        using var simple = await host.Client.SendAsync(WithOrigin(HttpMethod.Get, "/payments", Dashboard));
        using var preflight = await host.Client.SendAsync(Preflight(Dashboard));

        Assert.Equal(HttpStatusCode.OK, simple.StatusCode);
        Assert.Equal(Dashboard, Header(simple, "Access-Control-Allow-Origin"));
        Assert.Equal(
            ["idempotent-replayed", "location", "retry-after"],
            Header(simple, "Access-Control-Expose-Headers").ToLowerInvariant().Split(',', StringSplitOptions.TrimEntries).Order());
        Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
        Assert.Equal(Dashboard, Header(preflight, "Access-Control-Allow-Origin"));
        Assert.Contains("POST", Header(preflight, "Access-Control-Allow-Methods"), StringComparison.Ordinal);
        var allowedHeaders = Header(preflight, "Access-Control-Allow-Headers").ToLowerInvariant();
        Assert.All(["authorization", "content-type", "idempotency-key"], h => Assert.Contains(h, allowedHeaders, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_refusal_carries_the_cors_headers_so_the_browser_can_read_the_problem()
    {
        await using var host = await TestHost.Start(options => options.Cors.AllowedOrigins = Dashboard);
        using var anonymous = new HttpClient { BaseAddress = host.Client.BaseAddress };

        using var refused = await anonymous.SendAsync(WithOrigin(HttpMethod.Get, "/payments", Dashboard));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Equal(Dashboard, Header(refused, "Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task Another_origin_gets_no_cors_headers()
    {
        await using var host = await TestHost.Start(options => options.Cors.AllowedOrigins = Dashboard);

        using var simple = await host.Client.SendAsync(WithOrigin(HttpMethod.Get, "/payments", "https://evil.example"));
        using var preflight = await host.Client.SendAsync(Preflight("https://evil.example"));

        Assert.False(simple.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Headers"));
    }

    [Fact]
    public async Task Cors_is_off_by_default()
    {
        await using var host = await TestHost.Start();

        using var simple = await host.Client.SendAsync(WithOrigin(HttpMethod.Get, "/payments", Dashboard));
        using var preflight = await host.Client.SendAsync(Preflight(Dashboard));

        Assert.False(simple.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public void Api_gateway_allows_and_exposes_the_same_headers_and_methods_as_serve()
    {
        var cors = CloudTopology.Define(CloudEnvironment.Prod with { AllowedOrigins = [Dashboard] }).HttpApi.Cors;

        Assert.Equal([Dashboard], cors.AllowOrigins);
        Assert.Equal(CrossOriginPolicy.AllowedHeaders, cors.AllowHeaders);
        Assert.Equal(CrossOriginPolicy.ExposedHeaders, cors.ExposeHeaders);
        Assert.Equal(CrossOriginPolicy.AllowedMethods, cors.AllowMethods);
        Assert.Equal((int)CrossOriginPolicy.PreflightMaxAge.TotalSeconds, cors.MaxAgeSeconds);
    }

    private static HttpRequestMessage WithOrigin(HttpMethod method, string path, string origin)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add("Origin", origin);
        return request;
    }

    private static HttpRequestMessage Preflight(string origin)
    {
        var request = WithOrigin(HttpMethod.Options, "/payments", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "authorization,content-type,idempotency-key");
        return request;
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(",", values) : "";
}
