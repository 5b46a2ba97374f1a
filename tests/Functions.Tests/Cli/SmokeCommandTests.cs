using Payments.Functions.Cli;
using Payments.Functions.Tests.Hosting;

namespace Payments.Functions.Tests.Cli;

public sealed class SmokeCommandTests
{
    [Fact]
    public async Task Smoke_run_against_a_healthy_deployment_completes_a_payment_and_reports_each_step()
    {
        await using var host = await TestHost.Start();
        using var output = new StringWriter();

        var exit = await SmokeCommand.Run(host.Client.BaseAddress!, TestHost.Key, TimeSpan.FromSeconds(60), output, CancellationToken.None);

        var report = output.ToString();
        Assert.True(exit == 0, report);
        Assert.Contains("COMPLETED", report, StringComparison.Ordinal);
        Assert.Contains("chain intact", report, StringComparison.Ordinal);
        Assert.Contains("Conflict", report, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Smoke_run_with_a_wrong_key_fails_at_the_first_step()
    {
        await using var host = await TestHost.Start();
        using var output = new StringWriter();

        var exit = await SmokeCommand.Run(host.Client.BaseAddress!, "not-a-key", TimeSpan.FromSeconds(60), output, CancellationToken.None);

        Assert.Equal(1, exit);
        Assert.Contains("FAIL POST /payments", output.ToString(), StringComparison.Ordinal);
    }
}
