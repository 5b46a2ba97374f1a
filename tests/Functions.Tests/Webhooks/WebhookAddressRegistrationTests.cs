using System.Net;
using Payments.Application.Webhooks;
using Payments.Functions.Tests.Hosting;
using Payments.TestServices;

namespace Payments.Functions.Tests.Webhooks;

/// <summary>
/// Without the insecure flag, registration refuses every URL whose host is, or resolves to, an address webhooks must
/// not reach (SSRF). Names go to the system's DNS; localhost resolves on this machine. Nothing is ever sent.
/// </summary>
public sealed class WebhookAddressRegistrationTests(WebhookApiFixture host) : IClassFixture<WebhookApiFixture>
{
    [Theory]
    [InlineData("https://169.254.169.254/latest/meta-data/")]
    [InlineData("https://10.0.0.1/")]
    [InlineData("https://[::1]/")]
    [InlineData("https://0.0.0.0/")]
    [InlineData("https://2130706433/")]
    [InlineData("https://0177.0.0.1/")]
    [InlineData("https://localhost/")]
    [InlineData("https://127.0.0.1/")]
    [InlineData("https://[::ffff:127.0.0.1]/")]
    [InlineData("https://192.168.1.10:8443/hook")]
    public async Task Registration_refuses_an_address_webhooks_must_not_reach(string url)
    {
        using var http = host.Client();

        using var response = await http.PostAsync(new Uri("/webhook-endpoints", UriKind.Relative), WebhookApiFixture.Json($$"""{"url":"{{url}}"}"""));

        await WebhookEndpointApiTests.AssertFieldError(response, HttpStatusCode.BadRequest, "url", "url_not_allowed");
    }

    [Fact]
    public async Task Moving_an_endpoint_to_a_refused_address_is_400_and_keeps_the_old_url()
    {
        var id = (await host.CreateEndpoint()).GetProperty("id").GetString()!;
        using var http = host.Client();

        using var response = await http.PatchAsync(new Uri($"/webhook-endpoints/{id}", UriKind.Relative), WebhookApiFixture.Json("""{"url":"https://169.254.169.254/"}"""));

        await WebhookEndpointApiTests.AssertFieldError(response, HttpStatusCode.BadRequest, "url", "url_not_allowed");
        using var read = await http.GetAsync(new Uri($"/webhook-endpoints/{id}", UriKind.Relative));
        Assert.Equal(PublicHostResolver.Url(), (await WebhookApiFixture.Read(read)).GetProperty("url").GetString());
    }

    [Fact]
    public async Task Plain_http_is_refused_without_the_flag_even_to_a_public_host()
    {
        using var http = host.Client();

        using var response = await http.PostAsync(new Uri("/webhook-endpoints", UriKind.Relative), WebhookApiFixture.Json($$"""{"url":"http://{{PublicHostResolver.Host}}/hook"}"""));

        await WebhookEndpointApiTests.AssertFieldError(response, HttpStatusCode.BadRequest, "url", "url_invalid");
    }

    [Theory]
    [InlineData("http://127.0.0.1:9/hook")]
    [InlineData("https://localhost/hook")]
    public async Task Loopback_and_http_are_accepted_when_serve_allows_insecure_webhooks(string url)
    {
        using var keys = new TempDirectory();
        await using var insecure = await TestHost.Start(options =>
        {
            options.Webhooks = new WebhookOptions { AllowInsecure = true };
            options.WebhookKeyFile = keys.File("webhook-secrets.key");
        }, WebhookApiFixture.WithoutBackgroundServices);

        using var response = await insecure.Client.PostAsync(new Uri("/webhook-endpoints", UriKind.Relative), WebhookApiFixture.Json($$"""{"url":"{{url}}"}"""));

        var body = await WebhookApiFixture.Read(response);
        Assert.True(response.StatusCode == HttpStatusCode.Created, body.ToString());
        Assert.Equal(url, body.GetProperty("url").GetString());
    }
}
