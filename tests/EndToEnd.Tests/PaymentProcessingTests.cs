using System.Text.Json;
using Payments.Domain.Ramps;

namespace Payments.EndToEnd.Tests;

/// <summary>Payments through the embedded host: HTTP in, dispatcher, durable queue, worker, mock ramps, HTTP out.</summary>
public sealed class PaymentProcessingTests
{
    [Fact]
    public async Task Posted_payment_is_processed_to_completed_with_both_transaction_ids()
    {
        await using var host = await EmbeddedHost.Start(rampFailureRate: 0);

        var id = await host.Pay(250.00m, "EUR");
        var payment = await host.AwaitTerminal(id);

        Assert.Equal("COMPLETED", payment.GetProperty("status").GetString());
        Assert.StartsWith("onr_", payment.GetProperty("on_ramp_tx_id").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("ofr_", payment.GetProperty("off_ramp_tx_id").GetString(), StringComparison.Ordinal);
        Assert.Equal("270.000000", payment.GetProperty("stablecoin_amount").GetString());
        Assert.Equal("250.00", payment.GetProperty("payout_amount").GetString());
    }

    [Fact]
    public async Task With_every_ramp_call_failing_before_executing_the_payment_ends_failed_with_a_stable_code_and_nothing_converted()
    {
        await using var host = await EmbeddedHost.Start(rampFailureRate: 1.0, rampSeed: 1);

        var id = await host.Pay(10.00m, "USD");
        var payment = await host.AwaitTerminal(id);

        Assert.Equal("FAILED", payment.GetProperty("status").GetString());
        Assert.Equal("on_ramp_unavailable", payment.GetProperty("error_code").GetString());
        Assert.DoesNotContain("injected", payment.GetProperty("error_message").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, payment.GetProperty("on_ramp_tx_id").ValueKind);
    }

    [Fact]
    public async Task Two_hundred_payments_with_thirty_percent_transient_faults_all_end_terminal_and_no_leg_converts_twice()
    {
        await using var host = await EmbeddedHost.Start(rampFailureRate: 0.3, rampSeed: 42);

        var ids = new List<Guid>();
        foreach (var chunk in Enumerable.Range(0, 200).Chunk(20))
        {
            ids.AddRange(await Task.WhenAll(chunk.Select(i => host.Pay(10.00m + i, "EUR"))));
        }

        var payments = new List<JsonElement>();
        foreach (var id in ids)
        {
            payments.Add(await host.AwaitTerminal(id));
        }

        var usage = (await host.Ramps.Usage(CancellationToken.None)).ToDictionary(u => u.RequestKey, StringComparer.Ordinal);
        Assert.Equal(200, payments.Count);
        Assert.All(usage.Values, u => Assert.True(u.Executions <= 1, $"{u.RequestKey} executed {u.Executions} times"));
        foreach (var (id, payment) in ids.Zip(payments))
        {
            if (payment.GetProperty("status").GetString() == "COMPLETED")
            {
                Assert.True(usage.ContainsKey(RampRequestKey.For(id, RampLeg.OnRamp).Value));
                Assert.True(usage.ContainsKey(RampRequestKey.For(id, RampLeg.OffRamp).Value));
            }
        }

        var completed = payments.Count(p => p.GetProperty("status").GetString() == "COMPLETED");
        var failed = payments.Count(p => p.GetProperty("status").GetString() == "FAILED");
        var reversed = payments.Count(p => p.GetProperty("reversal_tx_id").ValueKind == JsonValueKind.String);
        Console.WriteLine($"200-payment fault run: completed {completed}, failed {failed} ({reversed} reversed), duplicate ramp executions {usage.Values.Count(u => u.Executions > 1)}, ramp calls {usage.Values.Sum(u => u.Calls)}");
        Assert.Equal(200, completed + failed);
    }
}
