using System.Diagnostics;
using System.Globalization;
using Payments.Application.Webhooks.Routing;
using Payments.TestServices;
using Xunit.Abstractions;

namespace Payments.Aws.Tests.Webhooks;

/// <summary>
/// The differential test of the embedded router's pattern matching against a real EventBridge implementation (moto
/// 5.2.1): rules created on moto's bus, generated envelopes put, deliveries drained from one queue per rule, and for
/// every envelope the rules moto delivered it through must be exactly the rules <see cref="EventPattern"/> matches.
/// Generated envelopes and patterns stay out of the corners where moto departs from EventBridge's documented
/// behaviour, which EventPattern follows: moto compares Python values, so true equals 1 (literals, anything-but and
/// numeric alike); it counts an empty array or empty object as a present field; it does not look into arrays of
/// objects; and it matches cidr against numbers. Those corners are pinned by EventPattern's own tests instead.
/// </summary>
public sealed class RoutingRulesOnMotoTests(Moto moto, ITestOutputHelper output) : IClassFixture<Moto>
{
    [Fact]
    public async Task Moto_delivers_exactly_the_envelopes_the_embedded_router_routes_through_the_shared_rules()
    {
        var rules = WebhookRoutingRules.All.Select(r => (r.Name, r.EventPattern)).ToList();

        var envelopes = GeneratedEnvelope.Many(300, seed: 11);

        var report = await Compare(rules, envelopes);

        Assert.All(WebhookRoutingRules.All, rule => Assert.True(report.Delivered[rule.Name] > 20, $"{rule.Name} matched too few envelopes to tell"));
        var router = new StatusEventRouter(new UnusedWebhookQueue());
        Assert.All(
            envelopes.Select((e, i) => (e.Ledger, Moto: report.RulesByEnvelope[i])).Where(e => e.Ledger is not null),
            e => Assert.Equal(e.Moto, router.Route(LedgerEventEnvelope.From(e.Ledger!))));
    }

    [Fact]
    public async Task Moto_and_the_embedded_router_agree_on_generated_patterns_over_every_operator()
    {
        var patterns = GeneratedPatterns.Many(30, seed: 23);
        var rules = patterns.Select((pattern, i) => ($"generated-{i:D2}", pattern)).ToList();

        var report = await Compare(rules, GeneratedEnvelope.Many(240, seed: 29));

        Assert.True(report.Delivered.Values.Count(n => n > 0) >= rules.Count / 2, "most generated rules should route something");
    }

    private async Task<Report> Compare(IReadOnlyList<(string Name, string Pattern)> rules, IReadOnlyList<GeneratedEnvelope> envelopes)
    {
        var patterns = rules.Select(r => (r.Name, Pattern: EventPattern.Parse(r.Pattern))).ToList();
        var started = Stopwatch.StartNew();
        using var bus = await RuleBusOnMoto.Create(moto, rules);
        var ids = await bus.Put(envelopes);
        var delivered = await bus.Drain();

        var disagreements = new List<string>();
        var rulesByEnvelope = new List<List<string>>();
        for (var i = 0; i < envelopes.Count; i++)
        {
            var json = envelopes[i].AsDelivered(ids[i], bus.Account, bus.Region);
            var expected = patterns.Where(p => p.Pattern.Matches(json)).Select(p => p.Name).ToList();
            var actual = rules.SelectMany(r => delivered[r.Name].Where(id => id == ids[i]).Select(_ => r.Name)).ToList();
            rulesByEnvelope.Add(actual);
            if (!expected.SequenceEqual(actual))
            {
                disagreements.Add($"{json}\n  EventPattern: [{string.Join(", ", expected)}]  moto: [{string.Join(", ", actual)}]");
            }
        }

        var counts = rules.ToDictionary(r => r.Name, r => delivered[r.Name].Count, StringComparer.Ordinal);
        output.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"envelopes sent: {envelopes.Count}; rules: {rules.Count}; deliveries: {counts.Values.Sum()}; envelopes on which moto and EventPattern agree: {envelopes.Count - disagreements.Count}/{envelopes.Count}; moto took {started.Elapsed.TotalSeconds:F1} s"));
        foreach (var (name, pattern) in rules)
        {
            output.WriteLine($"  {name}: {counts[name]} delivered  {pattern}");
        }

        Assert.True(disagreements.Count == 0, $"{disagreements.Count} disagreements, first ones:\n{string.Join("\n", disagreements.Take(5))}");
        Assert.Equal(envelopes.Count, ids.Distinct().Count());
        Assert.All(rules, r => Assert.Equal(delivered[r.Name].Count, delivered[r.Name].Where(ids.Contains).Count()));
        return new Report(counts, rulesByEnvelope);
    }

    /// <summary>Deliveries per rule, and the rules moto delivered each envelope through.</summary>
    private sealed record Report(Dictionary<string, int> Delivered, List<List<string>> RulesByEnvelope);
}
