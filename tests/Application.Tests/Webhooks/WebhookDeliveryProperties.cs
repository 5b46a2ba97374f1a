using FsCheck;
using FsCheck.Fluent;
using Payments.Application.Webhooks;
using Payments.Application.Webhooks.Deliveries;
using Payments.Application.Webhooks.Endpoints;

namespace Payments.Application.Tests.Webhooks;

/// <summary>
/// Random receiver behaviour per endpoint (2xx, 5xx, 429, 3xx, 410) with the fan-out repeated at random points (a
/// crash before its queue send was acknowledged, a duplicate envelope): however it goes, every delivery settles,
/// every request an endpoint got is a recorded attempt, nothing is sent after an endpoint's 2xx or 410, a 410 disables
/// the endpoint, and no round makes more than the maximum attempts.
/// </summary>
public sealed class WebhookDeliveryProperties
{
    private static readonly Gen<int> Status = Gen.Elements(200, 204, 500, 503, 429, 302, 410, 400);

    private static readonly Gen<Scenario> Scenarios =
        from endpoints in Gen.Choose(1, 3)
        from scripts in Status.ListOf().Select(l => l.Take(7).ToArray()).ListOf().Select(l => l.Take(endpoints).ToArray())
        from repeats in Gen.Choose(0, 6).ListOf().Select(l => l.Take(3).ToHashSet())
        where scripts.Length == endpoints
        select new Scenario(scripts, repeats);

    [FsCheck.Xunit.Property(MaxTest = 40)]
    public Property Every_delivery_settles_and_nothing_is_sent_after_success_or_gone() =>
        Prop.ForAll(Arb.From(Scenarios), scenario => Check(scenario).GetAwaiter().GetResult());

    private static async Task<bool> Check(Scenario scenario)
    {
        await using var rig = WebhookRig.Start();
        var receivers = scenario.Scripts.Select(script => Receiver(script)).ToList();
        try
        {
            var endpoints = new List<WebhookEndpoint>();
            foreach (var receiver in receivers)
            {
                endpoints.Add((await rig.Register("client-a", receiver, WebhookEventTypes.PaymentCompleted)).Endpoint);
            }

            var message = await rig.Publish("client-a");
            await Run(rig, message, scenario.Repeats);
            for (var i = 0; i < endpoints.Count; i++)
            {
                if (!await Settled(rig, message, endpoints[i], receivers[i], scenario.Scripts[i]))
                {
                    return false;
                }
            }

            return await rig.Queue.CountPending(CancellationToken.None) == 0;
        }
        finally
        {
            foreach (var receiver in receivers)
            {
                await receiver.DisposeAsync();
            }
        }
    }

    private static async Task<bool> Settled(WebhookRig rig, WebhookMessage message, WebhookEndpoint endpoint, RawHttpReceiver receiver, int[] script)
    {
        var delivery = (await rig.Delivery(message, endpoint))!;
        var attempts = await rig.Attempts(message, endpoint);
        var statuses = attempts.Select(a => a.StatusCode ?? 0).ToList();
        var ending = statuses.FindIndex(s => s is >= 200 and < 300 or 410);
        var stored = (await rig.Store.Find("client-a", endpoint.EndpointId, CancellationToken.None))!;
        var expected = script.Concat(Enumerable.Repeat(200, 10)).Take(statuses.Count);
        return delivery.State is WebhookDeliveryState.Delivered or WebhookDeliveryState.Failed
            && receiver.Requests.Count == attempts.Count
            && statuses.SequenceEqual(expected)
            && (ending < 0 || ending == statuses.Count - 1)
            && (delivery.State == WebhookDeliveryState.Delivered) == (ending >= 0 && statuses[ending] != 410)
            && stored.Enabled == !statuses.Contains(410)
            && attempts.Count <= rig.Options.MaxAttempts * (1 + 3);
    }

    /// <summary>Drains to rest, jumping the clock to each next due message, repeating the fan-out at the chosen steps.</summary>
    private static async Task Run(WebhookRig rig, WebhookMessage message, HashSet<int> repeats)
    {
        for (var step = 0; step < 40; step++)
        {
            if (repeats.Contains(step))
            {
                var endpoints = (await rig.Store.ListFor("client-a", CancellationToken.None)).Where(e => e.Enabled);
                await rig.FanOut.Queue(message, endpoints, CancellationToken.None);
            }

            await rig.Drain();
            if (await rig.Queue.CountPending(CancellationToken.None) == 0 && step > repeats.DefaultIfEmpty(0).Max())
            {
                return;
            }

            rig.Time.Advance(TimeSpan.FromHours(3));
        }
    }

    private static RawHttpReceiver Receiver(int[] script)
    {
        var receiver = new RawHttpReceiver(RawHttpReceiver.Status(200));
        foreach (var status in script)
        {
            receiver.Script.Enqueue(RawHttpReceiver.Status(status, status == 302 ? "Location: http://127.0.0.1:9/\r\n" : status == 429 ? "Retry-After: 1\r\n" : ""));
        }

        return receiver;
    }

    private sealed record Scenario(int[][] Scripts, HashSet<int> Repeats)
    {
        public override string ToString() =>
            $"scripts [{string.Join(" | ", Scripts.Select(s => string.Join(",", s)))}] fan-out repeated at steps {{{string.Join(",", Repeats.Order())}}}";
    }
}
