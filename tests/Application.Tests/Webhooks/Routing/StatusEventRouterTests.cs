using Payments.Application.Consumers;
using Payments.Application.Webhooks.Routing;
using Payments.Domain.Serialization;
using Payments.EventStore.Contract;

namespace Payments.Application.Tests.Webhooks.Routing;

public sealed class StatusEventRouterTests
{
    private static readonly DateTimeOffset At = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, string?> LedgerTypes => new()
    {
        { "PaymentRequested", null },
        { "PaymentProcessingStarted", "payment-status-webhooks" },
        { "OnRampCompleted", null },
        { "OnRampFailed", null },
        { "OffRampCompleted", null },
        { "OffRampFailed", null },
        { "RampOutcomeUnknown", "payment-attention-webhooks" },
        { "ReversalCompleted", null },
        { "ReversalRefused", "payment-attention-webhooks" },
        { "PaymentCompleted", "payment-status-webhooks" },
        { "PaymentFailed", "payment-status-webhooks" },
    };

    [Fact]
    public void Every_ledger_event_type_is_in_the_routing_table() =>
        Assert.Equal(PaymentEventCodec.TypeNames.Order(StringComparer.Ordinal), LedgerTypes.Select(row => (string)row[0]).Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(LedgerTypes))]
    public void Shared_rules_route_exactly_the_status_and_attention_events(string ledgerType, string? rule)
    {
        var router = new StatusEventRouter(new RecordingWebhookQueue());

        var routes = router.Route(LedgerEventEnvelope.From(Stored(ledgerType, version: 3)));

        Assert.Equal(rule is null ? [] : [rule], routes);
    }

    [Fact]
    public async Task A_page_is_sent_in_one_call_with_the_routed_envelopes_in_log_order()
    {
        var queue = new RecordingWebhookQueue();
        var page = new[]
        {
            Stored("PaymentRequested", version: 1),
            Stored("PaymentProcessingStarted", version: 2),
            Stored("OnRampCompleted", version: 3),
            Stored("RampOutcomeUnknown", version: 4),
            Stored("PaymentCompleted", version: 5),
        };

        await new StatusEventRouter(queue).Handle(page, CancellationToken.None);

        var send = Assert.Single(queue.Sends);
        Assert.Equal(TimeSpan.Zero, send.Delay);
        Assert.Equal(new[] { page[1], page[3], page[4] }.Select(e => LedgerEventEnvelope.From(e).ToJson()), send.Bodies);
    }

    [Fact]
    public async Task A_page_without_routed_events_sends_nothing()
    {
        var queue = new RecordingWebhookQueue();

        await new StatusEventRouter(queue).Handle([Stored("PaymentRequested", 1), Stored("OffRampCompleted", 2)], CancellationToken.None);
        await new StatusEventRouter(queue).Handle([], CancellationToken.None);

        Assert.Empty(queue.Sends);
    }

    [Fact]
    public async Task A_page_handled_again_sends_the_same_envelopes_with_the_same_ids()
    {
        var queue = new RecordingWebhookQueue();
        var router = new StatusEventRouter(queue);
        IReadOnlyList<StoredEvent> page = [Stored("PaymentFailed", version: 6)];

        await router.Handle(page, CancellationToken.None);
        await router.Handle(page, CancellationToken.None);

        Assert.Equal(2, queue.Sends.Count);
        Assert.Equal(queue.Sends[0].Bodies, queue.Sends[1].Bodies);
    }

    [Fact]
    public async Task A_failing_send_fails_the_page_and_the_router_stops_rather_than_parks()
    {
        var queue = new RecordingWebhookQueue();
        queue.FailNext(1);

        await Assert.ThrowsAsync<IOException>(() => new StatusEventRouter(queue).Handle([Stored("PaymentCompleted", 4)], CancellationToken.None));

        Assert.Empty(queue.Sends);
        Assert.Equal(PoisonAction.Stop, StatusEventRouter.Policy.OnExhausted);
    }

    [Fact]
    public void Rules_other_than_the_shared_ones_can_be_given()
    {
        var rules = new[]
        {
            new WebhookRoutingRule("requests", "every request", """{"detail-type":["PaymentRequested"]}"""),
            new WebhookRoutingRule("ledger", "everything from the ledger", """{"source":["payments.ledger"]}"""),
        };

        var routes = new StatusEventRouter(new RecordingWebhookQueue(), rules).Route(LedgerEventEnvelope.From(Stored("PaymentRequested", 1)));

        Assert.Equal(["requests", "ledger"], routes);
    }

    private static StoredEvent Stored(string type, long version) =>
        new(StreamId.For(Guid.Parse("6f1c2a64-3a43-4f4e-9a55-0b8e2f1d7c11")), version, version, type, 1, At.AddSeconds(version), "{}", new EventMetadata("c", null, "test"), "h");
}
