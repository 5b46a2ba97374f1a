using System.Text.Json;
using Payments.Application.Consumers;
using Payments.Application.Webhooks.Queue;
using Payments.EventStore.Contract;

namespace Payments.Application.Webhooks.Routing;

/// <summary>
/// The embedded column's event bus: a log consumer that puts each stored event in its EventBridge envelope, matches it
/// against the routing rules (the same patterns the cloud creates as EventBridge rules) and sends the envelopes any
/// rule matched to the webhook queue, one send per page. A page handled again after a crash sends its envelopes again;
/// that is harmless because an envelope's id derives from the event (<see cref="LedgerEventEnvelope.From"/>) and the
/// fan-out names each message and delivery after it, so a second copy finds its deliveries already recorded.
/// </summary>
public sealed class StatusEventRouter : IEventConsumer
{
    public const string ConsumerName = "webhook-router";

    private readonly IWebhookQueue _queue;
    private readonly IReadOnlyList<(string Name, EventPattern Pattern)> _rules;

    public StatusEventRouter(IWebhookQueue queue)
        : this(queue, WebhookRoutingRules.All)
    {
    }

    /// <exception cref="FormatException">A rule's pattern is malformed or uses an operator the router does not implement.</exception>
    public StatusEventRouter(IWebhookQueue queue, IReadOnlyList<WebhookRoutingRule> rules)
    {
        ArgumentNullException.ThrowIfNull(queue);
        ArgumentNullException.ThrowIfNull(rules);
        _queue = queue;
        _rules = [.. rules.Select(r => (r.Name, Parse(r)))];
    }

    /// <summary>
    /// Stop, not park: matching cannot fail on a well-formed envelope, so a failing page is the queue's disk failing, and
    /// a parked status event would be a webhook nobody ever receives. The router holds its place until the queue recovers.
    /// </summary>
    public static PoisonPolicy Policy { get; } = PoisonPolicy.Stop();

    public string Name => ConsumerName;

    public Task Handle(IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken)
    {
        var bodies = events
            .Select(e => LedgerEventEnvelope.From(e).ToJson())
            .Where(json => MatchingRules(json).Count > 0)
            .ToList();
        return bodies.Count == 0 ? Task.CompletedTask : _queue.Send(bodies, TimeSpan.Zero, cancellationToken);
    }

    /// <summary>The names of the rules that route <paramref name="envelope"/>, in rule order.</summary>
    public IReadOnlyList<string> Route(LedgerEventEnvelope envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return MatchingRules(envelope.ToJson());
    }

    private List<string> MatchingRules(string envelopeJson)
    {
        using var document = JsonDocument.Parse(envelopeJson);
        var fields = EventFields.Of(document.RootElement);
        return [.. _rules.Where(r => r.Pattern.Matches(fields)).Select(r => r.Name)];
    }

    private static EventPattern Parse(WebhookRoutingRule rule)
    {
        try
        {
            return EventPattern.Parse(rule.EventPattern);
        }
        catch (FormatException e)
        {
            throw new FormatException($"Webhook routing rule '{rule.Name}': {e.Message}", e);
        }
    }
}
