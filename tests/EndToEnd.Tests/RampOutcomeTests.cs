using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Payments.Application.Ramps.Sandbox;
using Payments.Domain.Ramps;

namespace Payments.EndToEnd.Tests;

/// <summary>What a client sees, through the whole embedded host, when a provider refuses or stops answering.</summary>
public sealed class RampOutcomeTests
{
    [Fact]
    public async Task Refused_payout_is_reversed_and_the_client_sees_failed_with_a_stable_code_and_the_reversal_but_no_provider_text()
    {
        var script = new RampFaultScript().OnCalls(RampLeg.OffRamp, RampFault.Refuse);
        await using var host = await EmbeddedHost.Start(0, overrides: (services, _) => services.AddSingleton(script));

        var id = await host.Pay(250.00m, "EUR");
        var payment = await host.AwaitTerminal(id);

        Assert.Equal("FAILED", payment.GetProperty("status").GetString());
        Assert.Equal("payout_failed_funds_returned", payment.GetProperty("error_code").GetString());
        Assert.DoesNotContain("injected", payment.GetProperty("error_message").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("rev_", payment.GetProperty("reversal_tx_id").GetString(), StringComparison.Ordinal);
        Assert.StartsWith("onr_", payment.GetProperty("on_ramp_tx_id").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, payment.GetProperty("off_ramp_tx_id").ValueKind);

        using var history = await host.Client.GetAsync($"/payments/{id}/events");
        using var events = JsonDocument.Parse(await history.Content.ReadAsStringAsync());
        Assert.Equal(
            ["PaymentRequested", "PaymentProcessingStarted", "OnRampCompleted", "OffRampFailed", "ReversalCompleted", "PaymentFailed"],
            events.RootElement.GetProperty("events").EnumerateArray().Select(e => e.GetProperty("type").GetString()));
    }

    [Fact]
    public async Task Unanswered_on_ramp_shows_attention_in_get_and_in_the_attention_list_until_a_lookup_resolves_it()
    {
        var script = new RampFaultScript()
            .OnCalls(RampLeg.OnRamp, RampFault.ExecutedThenTimeout, RampFault.ExecutedThenTimeout, RampFault.ExecutedThenTimeout)
            .OnLookups(RampLeg.OnRamp, Enumerable.Repeat(RampFault.LookupUnavailable, 6).ToArray());
        await using var host = await EmbeddedHost.Start(0, overrides: (services, _) => services.AddSingleton(script));

        var id = await host.Pay(40.00m, "EUR");
        var attention = await Eventually(host, id, p => p.GetProperty("attention").ValueKind == JsonValueKind.String);

        Assert.Equal("PROCESSING", attention.GetProperty("status").GetString());
        Assert.StartsWith("on-ramp outcome unknown", attention.GetProperty("attention").GetString(), StringComparison.Ordinal);
        var listed = await Eventually(host, id, _ => Listed(host, "?attention=true", id).GetAwaiter().GetResult());
        Assert.NotNull(listed.GetProperty("payment_id").GetString());

        var payment = await host.AwaitTerminal(id);

        Assert.Equal("COMPLETED", payment.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, payment.GetProperty("attention").ValueKind);
        Assert.Equal(1, (await host.Ramps.Usage(CancellationToken.None)).Single(u => u.RequestKey == RampRequestKey.For(id, RampLeg.OnRamp).Value).Executions);
    }

    private static async Task<bool> Listed(EmbeddedHost host, string query, Guid id)
    {
        using var response = await host.Client.GetAsync("/payments" + query);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("items").EnumerateArray().Any(p => p.GetProperty("payment_id").GetGuid() == id);
    }

    private static async Task<JsonElement> Eventually(EmbeddedHost host, Guid id, Func<JsonElement, bool> condition)
    {
        for (var poll = 0; poll < 300; poll++)
        {
            var payment = await host.Get(id);
            if (condition(payment))
            {
                return payment;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"Payment {id} never met the condition.");
    }
}
