using System.Net;
using Payments.Application.Webhooks.Sending;

namespace Payments.Application.Tests.Webhooks;

public sealed class WebhookAddressPolicyTests
{
    private readonly ScriptedResolver _dns = new ScriptedResolver()
        .Map("receiver.example", "93.184.215.14")
        .Map("rebinding.example", "127.0.0.1")
        .Map("mixed.example", "93.184.215.14", "10.1.2.3")
        .Map("localhost", "127.0.0.1", "::1");

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.255.0.9")]
    [InlineData("10.0.0.1")]
    [InlineData("172.16.0.1")]
    [InlineData("172.31.255.255")]
    [InlineData("192.168.1.1")]
    [InlineData("169.254.169.254")]
    [InlineData("100.64.0.1")]
    [InlineData("0.0.0.0")]
    [InlineData("224.0.0.1")]
    [InlineData("255.255.255.255")]
    [InlineData("::1")]
    [InlineData("::")]
    [InlineData("fe80::1")]
    [InlineData("fd00:ec2::254")]
    [InlineData("fc00::5")]
    [InlineData("ff02::1")]
    [InlineData("::ffff:127.0.0.1")]
    [InlineData("::ffff:169.254.169.254")]
    [InlineData("64:ff9b::a00:1")]
    public void Non_public_addresses_are_refused(string address)
    {
        Assert.NotNull(Policy().Refusal(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("93.184.215.14")]
    [InlineData("172.32.0.1")]
    [InlineData("100.128.0.1")]
    [InlineData("2606:2800:21f:cb07:6820:80da:af6b:8b2c")]
    public void Public_addresses_are_allowed(string address)
    {
        Assert.Null(Policy().Refusal(IPAddress.Parse(address)));
    }

    [Theory]
    [InlineData("https://169.254.169.254/latest/meta-data/")]
    [InlineData("https://10.0.0.1/hook")]
    [InlineData("https://[::1]/hook")]
    [InlineData("https://0.0.0.0/hook")]
    [InlineData("https://2130706433/hook")]
    [InlineData("https://0177.0.0.1/hook")]
    [InlineData("https://0x7f.1/hook")]
    [InlineData("https://localhost/hook")]
    [InlineData("https://rebinding.example/hook")]
    [InlineData("https://mixed.example/hook")]
    public async Task Hosts_reaching_non_public_addresses_are_refused(string url)
    {
        var policy = Policy();

        Assert.Null(policy.CheckUrl(url));
        Assert.NotNull(await policy.CheckHost(new Uri(url), CancellationToken.None));
    }

    [Fact]
    public async Task A_host_resolving_only_to_public_addresses_is_allowed()
    {
        Assert.Null(await Policy().CheckHost(new Uri("https://receiver.example/hook"), CancellationToken.None));
    }

    [Fact]
    public async Task An_unresolvable_host_is_refused()
    {
        Assert.Contains("does not resolve", await Policy().CheckHost(new Uri("https://nowhere.example/"), CancellationToken.None), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("receiver.example/hook")]
    [InlineData("http://receiver.example/hook")]
    [InlineData("ftp://receiver.example/hook")]
    [InlineData("https://user:pass@receiver.example/hook")]
    public void Urls_that_are_not_credential_free_absolute_https_are_refused(string? url)
    {
        Assert.NotNull(Policy().CheckUrl(url));
    }

    [Fact]
    public void Overlong_urls_are_refused()
    {
        Assert.NotNull(Policy().CheckUrl("https://receiver.example/" + new string('a', WebhookAddressPolicy.MaxUrlLength)));
    }

    [Fact]
    public async Task The_insecure_development_flag_allows_http_and_loopback()
    {
        var policy = Policy(allowInsecure: true);

        Assert.Null(policy.CheckUrl("http://127.0.0.1:8080/hook"));
        Assert.Null(await policy.CheckHost(new Uri("http://localhost:8080/hook"), CancellationToken.None));
    }

    [Theory]
    [InlineData("http://receiver.example/hook")]
    [InlineData("http://10.0.0.1/hook")]
    public void Even_with_the_insecure_flag_http_goes_only_to_a_loopback_host(string url)
    {
        Assert.NotNull(Policy(allowInsecure: true).CheckUrl(url));
        Assert.Null(Policy(allowInsecure: true).CheckUrl("http://[::1]:8080/hook"));
    }

    [Fact]
    public async Task Send_time_check_refuses_a_name_that_now_resolves_to_loopback()
    {
        var policy = Policy();
        _dns.Map("moving.example", "93.184.215.14");
        Assert.Null(await policy.CheckHost(new Uri("https://moving.example/"), CancellationToken.None));

        _dns.Map("moving.example", "127.0.0.1");

        await Assert.ThrowsAsync<WebhookAddressRefusedException>(() => policy.AllowedAddresses("moving.example", CancellationToken.None));
    }

    private WebhookAddressPolicy Policy(bool allowInsecure = false) => new(_dns, allowInsecure);
}
