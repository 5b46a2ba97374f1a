using Payments.Functions.Cli;
using Payments.Functions.Tests.Webhooks;

namespace Payments.Functions.Tests.Cli;

public sealed class WebhooksCommandTests(WebhookApiFixture host) : IClassFixture<WebhookApiFixture>
{
    [Fact]
    public async Task Redeliver_prints_the_queued_delivery_and_exits_0()
    {
        var endpointId = (await host.CreateEndpoint()).GetProperty("id").GetString()!;
        var delivery = await host.SeedDelivery("client_a", endpointId, await host.CreatePayment());
        using var output = new StringWriter();

        var exit = await WebhooksCommand.Redeliver(host.BaseAddress, WebhookApiFixture.KeyA, delivery.DeliveryId, output, CancellationToken.None);

        Assert.True(exit == 0, output.ToString());
        Assert.StartsWith("202 Accepted", output.ToString(), StringComparison.Ordinal);
        Assert.Contains(delivery.MessageId, output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Redeliver_of_another_clients_delivery_prints_the_404_and_exits_1()
    {
        var endpointId = (await host.CreateEndpoint()).GetProperty("id").GetString()!;
        var delivery = await host.SeedDelivery("client_a", endpointId, await host.CreatePayment());
        using var output = new StringWriter();

        var exit = await WebhooksCommand.Redeliver(host.BaseAddress, WebhookApiFixture.KeyB, delivery.DeliveryId, output, CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.StartsWith("404 NotFound", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recover_queues_the_window_and_exits_0_or_prints_the_refusal_and_exits_1()
    {
        var endpointId = (await host.CreateEndpoint()).GetProperty("id").GetString()!;
        var since = DateTimeOffset.UtcNow.AddHours(-2);
        using var queued = new StringWriter();
        using var refused = new StringWriter();

        var ok = await WebhooksCommand.Recover(host.BaseAddress, WebhookApiFixture.KeyA, endpointId, since, null, queued, CancellationToken.None);
        var wrong = await WebhooksCommand.Recover(host.BaseAddress, WebhookApiFixture.KeyA, endpointId, since, since.AddHours(-1), refused, CancellationToken.None);

        Assert.True(ok == 0, queued.ToString());
        Assert.Contains("\"status\":\"queued\"", queued.ToString(), StringComparison.Ordinal);
        Assert.Equal(1, wrong);
        Assert.Contains("window_invalid", refused.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_commands_parse_from_the_command_line()
    {
        var command = WebhooksCommand.Create();

        var redeliver = command.Parse(["redeliver", "dlv_1", "--url", "http://127.0.0.1:1", "--key", "k"]);
        var recover = command.Parse(["recover", "ep_1", "--since", "2026-01-01T00:00:00Z", "--url", "http://127.0.0.1:1", "--key", "k"]);
        var missingSince = command.Parse(["recover", "ep_1", "--url", "http://127.0.0.1:1", "--key", "k"]);

        Assert.Empty(redeliver.Errors);
        Assert.Empty(recover.Errors);
        Assert.NotEmpty(missingSince.Errors);
    }
}
