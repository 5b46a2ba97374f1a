using Microsoft.Extensions.DependencyInjection;
using Payments.Domain.Ramps;
using Payments.Embedded.Jobs;

namespace Payments.EndToEnd.Tests;

/// <summary>A host that dies between the legs, and the host that starts next on the same files.</summary>
public sealed class CrashResumeTests
{
    /// <summary>Short, so the next host sees the unacknowledged job soon; the production default is 300 s.</summary>
    private static readonly TimeSpan Visibility = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Host_killed_after_the_on_ramp_is_resumed_at_the_off_ramp_by_the_next_host_without_converting_again()
    {
        var dataDirectory = EmbeddedHost.NewDataDirectory();
        var stuck = new HangingOffRamp();
        var first = await EmbeddedHost.Start(0, 3, dataDirectory, (services, dir) =>
        {
            ShortVisibility(services, dir);
            services.AddSingleton<IOffRampProvider>(stuck);
        });
        var id = await first.Pay(80.00m, "GBP");
        await stuck.Called.Task;
        var onRampTxBefore = (await first.Get(id)).GetProperty("on_ramp_tx_id").GetString();
        await first.Stop();

        await using var second = await EmbeddedHost.Start(0, 4, dataDirectory, ShortVisibility);
        var payment = await second.AwaitTerminal(id);

        Assert.Equal("COMPLETED", payment.GetProperty("status").GetString());
        Assert.Equal(onRampTxBefore, payment.GetProperty("on_ramp_tx_id").GetString());
        var usage = (await second.Ramps.Usage(CancellationToken.None)).ToDictionary(u => u.RequestKey, StringComparer.Ordinal);
        Assert.Equal(1, usage[RampRequestKey.For(id, RampLeg.OnRamp).Value].Executions);
        Assert.Equal(1, usage[RampRequestKey.For(id, RampLeg.OnRamp).Value].Calls);
        Assert.Equal(1, usage[RampRequestKey.For(id, RampLeg.OffRamp).Value].Executions);
    }

    private static void ShortVisibility(IServiceCollection services, string dataDirectory) =>
        services.AddSingleton(sp => SqlitePaymentJobQueue.Open(
            Path.Combine(dataDirectory, SqlitePaymentJobQueue.FileName), sp.GetRequiredService<TimeProvider>(), new EmbeddedQueueOptions { VisibilityTimeout = Visibility }));

    /// <summary>An off-ramp that never answers: the worker is "killed" while waiting on it.</summary>
    private sealed class HangingOffRamp : IOffRampProvider
    {
        public TaskCompletionSource Called { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task<RampResult?> LookupPayout(RampRequestKey key, CancellationToken cancellationToken) => Task.FromResult<RampResult?>(null);

        public async Task<RampResult> Payout(OffRampRequest request, CancellationToken cancellationToken)
        {
            Called.TrySetResult();
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }
}
