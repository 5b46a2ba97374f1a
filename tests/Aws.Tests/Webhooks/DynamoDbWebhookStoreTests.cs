using Amazon.DynamoDBv2.Model;
using Payments.Application.Webhooks.Deliveries;
using Payments.Application.Webhooks.Endpoints;
using Payments.Aws.Webhooks;
using Payments.TestServices;

namespace Payments.Aws.Tests.Webhooks;

/// <summary>The webhook store on DynamoDB Local, in tables created from <see cref="DynamoDbWebhookSchema"/>.</summary>
public sealed class DynamoDbWebhookStoreTests(DynamoDbLocalFixture dynamo) : IClassFixture<DynamoDbLocalFixture>, IAsyncLifetime
{
    /// <summary>Ticks included: stored times must come back to the tick.</summary>
    private static readonly DateTimeOffset T0 = new DateTimeOffset(2026, 4, 1, 10, 0, 0, TimeSpan.FromHours(2)).AddTicks(1234567);

    private readonly DynamoDbWebhookTables _tables = DynamoDbWebhookTables.WithPrefix(DynamoDbLocal.UniquePrefix());

    private DynamoDbWebhookStore Store => new(dynamo.Client, _tables);

    public Task InitializeAsync() => DynamoDbWebhookSchema.EnsureCreated(dynamo.Client, _tables, CancellationToken.None);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task Endpoint_comes_back_with_every_field_and_time_to_the_tick()
    {
        var full = Endpoint("client_a", "ep_full") with
        {
            EventTypes = ["payment.completed", "payment.failed"],
            Description = "ops – “receiver”",
            Enabled = false,
            DisabledReason = "410 Gone",
            DisabledAt = T0.AddHours(1),
            PreviousSealedSecret = "kms1:b2xk",
            PreviousSecretExpiresAt = T0.AddDays(1),
            FailingSince = T0.AddMinutes(5),
        };
        var bare = Endpoint("client_a", "ep_bare");

        await Store.Add(full, CancellationToken.None);
        await Store.Add(bare, CancellationToken.None);

        AssertSame(full, await Store.Find("client_a", "ep_full", CancellationToken.None));
        AssertSame(bare, await Store.Find("client_a", "ep_bare", CancellationToken.None));
        Assert.Empty((await Store.Find("client_a", "ep_bare", CancellationToken.None))!.EventTypes);
    }

    [Fact]
    public async Task Adding_an_endpoint_id_that_exists_throws_and_keeps_the_first()
    {
        var first = Endpoint("client_a", "ep_1");
        await Store.Add(first, CancellationToken.None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Store.Add(first with { Url = "https://other.example/hook" }, CancellationToken.None));

        Assert.Equal(first.Url, (await Store.Find("client_a", "ep_1", CancellationToken.None))!.Url);
    }

    [Fact]
    public async Task Replace_applies_only_over_the_revision_before_it()
    {
        var endpoint = Endpoint("client_a", "ep_1");
        await Store.Add(endpoint, CancellationToken.None);

        Assert.True(await Store.Replace(endpoint with { Url = "https://v2.example/hook", Revision = 2 }, CancellationToken.None));
        Assert.False(await Store.Replace(endpoint with { Url = "https://stale.example/hook", Revision = 2 }, CancellationToken.None));
        Assert.False(await Store.Replace(endpoint with { Url = "https://ahead.example/hook", Revision = 4 }, CancellationToken.None));
        Assert.False(await Store.Replace(endpoint with { EndpointId = "ep_missing", Revision = 2 }, CancellationToken.None));

        var stored = await Store.Find("client_a", "ep_1", CancellationToken.None);
        Assert.Equal(("https://v2.example/hook", 2L), (stored!.Url, stored.Revision));
        Assert.Null(await Store.Find("client_a", "ep_missing", CancellationToken.None));
    }

    [Fact]
    public async Task Racing_replacements_of_one_revision_let_exactly_one_win()
    {
        var endpoint = Endpoint("client_a", "ep_race");
        await Store.Add(endpoint, CancellationToken.None);

        var outcomes = await StartingGun.Race(8, i => Store.Replace(endpoint with { Description = "writer " + i, Revision = 2 }, CancellationToken.None));

        var winner = Assert.Single(outcomes.Select((won, i) => (won, i)), o => o.won);
        Assert.Equal("writer " + winner.i, (await Store.Find("client_a", "ep_race", CancellationToken.None))!.Description);
    }

    [Fact]
    public async Task One_client_never_reads_replaces_or_removes_another_clients_endpoint()
    {
        var endpoint = Endpoint("client_a", "ep_1");
        await Store.Add(endpoint, CancellationToken.None);

        Assert.Null(await Store.Find("client_b", "ep_1", CancellationToken.None));
        Assert.Empty(await Store.ListFor("client_b", CancellationToken.None));
        Assert.False(await Store.Replace(endpoint with { ClientId = "client_b", Revision = 2 }, CancellationToken.None));
        Assert.False(await Store.Remove("client_b", "ep_1", CancellationToken.None));

        Assert.Equal(1, (await Store.Find("client_a", "ep_1", CancellationToken.None))!.Revision);
        Assert.Null(await Store.Find("client_b", "ep_1", CancellationToken.None));
    }

    [Fact]
    public async Task Endpoints_are_listed_oldest_first_whatever_their_ids()
    {
        await Store.Add(Endpoint("client_a", "ep_a") with { CreatedAt = T0.AddMinutes(2) }, CancellationToken.None);
        await Store.Add(Endpoint("client_a", "ep_c") with { CreatedAt = T0 }, CancellationToken.None);
        await Store.Add(Endpoint("client_a", "ep_b") with { CreatedAt = T0.AddMinutes(1) }, CancellationToken.None);
        await Store.Add(Endpoint("client_b", "ep_x"), CancellationToken.None);

        Assert.Equal(["ep_c", "ep_b", "ep_a"], (await Store.ListFor("client_a", CancellationToken.None)).Select(e => e.EndpointId));
    }

    [Fact]
    public async Task Remove_says_whether_there_was_something_to_remove()
    {
        await Store.Add(Endpoint("client_a", "ep_1"), CancellationToken.None);

        Assert.True(await Store.Remove("client_a", "ep_1", CancellationToken.None));
        Assert.False(await Store.Remove("client_a", "ep_1", CancellationToken.None));
        Assert.Null(await Store.Find("client_a", "ep_1", CancellationToken.None));
    }

    [Fact]
    public async Task First_message_stored_wins_and_its_payload_comes_back_verbatim()
    {
        const string payload = "{\"type\":\"payment.completed\",  \"data\":{\"note\":\"é – \\u00e9\"}}\n";
        var message = Message("client_a", "msg_1", T0, payload);

        var stored = await Store.AddMessage(message, CancellationToken.None);
        var again = await Store.AddMessage(message with { Payload = "{}", Timestamp = T0.AddDays(1) }, CancellationToken.None);

        Assert.Equal(message, stored);
        Assert.Equal(message, again);
        Assert.Equal(message, await Store.FindMessage("msg_1", CancellationToken.None));
        Assert.Null(await Store.FindMessage("msg_none", CancellationToken.None));
    }

    [Fact]
    public async Task Endpoint_event_message_keeps_its_missing_payment_and_sequence()
    {
        var message = Message("client_a", "msg_ep", T0, "{}") with { EventType = "endpoint.disabled", PaymentId = null, Sequence = null };

        await Store.AddMessage(message, CancellationToken.None);

        Assert.Equal(message, await Store.FindMessage("msg_ep", CancellationToken.None));
    }

    [Fact]
    public async Task Messages_window_includes_since_excludes_until_reads_oldest_first_and_stops_at_the_limit()
    {
        for (var i = 0; i < 6; i++)
        {
            await Store.AddMessage(Message("client_a", $"msg_{5 - i}", T0.AddSeconds(i), "{}"), CancellationToken.None);
        }

        await Store.AddMessage(Message("client_b", "msg_b", T0.AddSeconds(2), "{}"), CancellationToken.None);

        var window = await Store.MessagesFor("client_a", T0.AddSeconds(1), T0.AddSeconds(4), 100, CancellationToken.None);
        var limited = await Store.MessagesFor("client_a", T0.AddSeconds(1), T0.AddSeconds(4), 2, CancellationToken.None);
        var empty = await Store.MessagesFor("client_a", T0.AddSeconds(4), T0.AddSeconds(1), 100, CancellationToken.None);

        Assert.Equal(["msg_4", "msg_3", "msg_2"], window.Select(m => m.MessageId));
        Assert.Equal(["msg_4", "msg_3"], limited.Select(m => m.MessageId));
        Assert.Empty(empty);
    }

    [Fact]
    public async Task Messages_window_holds_a_message_one_tick_after_since_and_not_one_tick_before_until()
    {
        await Store.AddMessage(Message("client_a", "msg_before", T0.AddTicks(-1), "{}"), CancellationToken.None);
        await Store.AddMessage(Message("client_a", "msg_at_since", T0, "{}"), CancellationToken.None);
        await Store.AddMessage(Message("client_a", "msg_last", T0.AddSeconds(1).AddTicks(-1), "{}"), CancellationToken.None);
        await Store.AddMessage(Message("client_a", "msg_at_until", T0.AddSeconds(1), "{}"), CancellationToken.None);

        var window = await Store.MessagesFor("client_a", T0, T0.AddSeconds(1), 100, CancellationToken.None);

        Assert.Equal(["msg_at_since", "msg_last"], window.Select(m => m.MessageId));
    }

    [Fact]
    public async Task First_delivery_opened_wins_and_save_replaces_its_state()
    {
        var delivery = Delivery("client_a", "dlv_1", "ep_1", Guid.NewGuid(), T0);

        var opened = await Store.OpenDelivery(delivery, CancellationToken.None);
        var reopened = await Store.OpenDelivery(delivery with { State = WebhookDeliveryState.Skipped }, CancellationToken.None);
        var saved = delivery with { State = WebhookDeliveryState.Failed, Attempts = 5, RoundAttempts = 5, LastStatusCode = 500, LastError = "HTTP 500", UpdatedAt = T0.AddHours(2) };
        await Store.SaveDelivery(saved, CancellationToken.None);

        Assert.Equal(delivery, opened);
        Assert.Equal(delivery, reopened);
        Assert.Equal(saved, await Store.FindDelivery("dlv_1", CancellationToken.None));
        Assert.Null(await Store.FindDelivery("dlv_none", CancellationToken.None));
    }

    [Fact]
    public async Task Attempt_and_delivery_state_are_written_together_and_a_repeat_of_the_attempt_changes_nothing()
    {
        var delivery = await Store.OpenDelivery(Delivery("client_a", "dlv_1", "ep_1", Guid.NewGuid(), T0), CancellationToken.None);
        var first = Attempt(delivery, 1, T0.AddSeconds(1), 500);
        var afterFirst = delivery with { Attempts = 1, RoundAttempts = 1, LastStatusCode = 500, NextAttemptAt = T0.AddSeconds(6) };

        await Store.RecordAttempt(first, afterFirst, CancellationToken.None);
        await Store.RecordAttempt(first with { StatusCode = 200 }, delivery with { State = WebhookDeliveryState.Delivered }, CancellationToken.None);

        Assert.Equal([first], await Store.AttemptsForDelivery("dlv_1", CancellationToken.None));
        Assert.Equal(afterFirst, await Store.FindDelivery("dlv_1", CancellationToken.None));
    }

    [Fact]
    public async Task Racing_repeats_of_one_attempt_record_it_once_and_none_fails()
    {
        var delivery = await Store.OpenDelivery(Delivery("client_a", "dlv_race", "ep_1", Guid.NewGuid(), T0), CancellationToken.None);
        var attempt = Attempt(delivery, 1, T0.AddSeconds(1), 503);

        await StartingGun.Race(6, async _ =>
        {
            await Store.RecordAttempt(attempt, delivery with { Attempts = 1 }, CancellationToken.None);
            return true;
        });

        Assert.Equal([attempt], await Store.AttemptsForDelivery("dlv_race", CancellationToken.None));
    }

    [Fact]
    public async Task Attempts_of_a_delivery_come_back_in_attempt_order_past_nine()
    {
        var delivery = await Store.OpenDelivery(Delivery("client_a", "dlv_1", "ep_1", Guid.NewGuid(), T0), CancellationToken.None);
        foreach (var n in new[] { 10, 2, 1, 11, 9 })
        {
            await Store.RecordAttempt(Attempt(delivery, n, T0.AddMinutes(n), 500), delivery with { Attempts = n }, CancellationToken.None);
        }

        Assert.Equal([1, 2, 9, 10, 11], (await Store.AttemptsForDelivery("dlv_1", CancellationToken.None)).Select(a => a.Attempt));
    }

    [Fact]
    public async Task Endpoint_attempts_are_newest_first_limited_and_only_the_clients_and_endpoints_own()
    {
        var one = await Store.OpenDelivery(Delivery("client_a", "dlv_1", "ep_1", Guid.NewGuid(), T0), CancellationToken.None);
        var two = await Store.OpenDelivery(Delivery("client_a", "dlv_2", "ep_1", null, T0), CancellationToken.None);
        var otherEndpoint = await Store.OpenDelivery(Delivery("client_a", "dlv_3", "ep_2", Guid.NewGuid(), T0), CancellationToken.None);
        var otherClient = await Store.OpenDelivery(Delivery("client_b", "dlv_4", "ep_1", Guid.NewGuid(), T0), CancellationToken.None);
        await Store.RecordAttempt(Attempt(one, 1, T0.AddSeconds(1), null) with { Error = "timeout after 15 s", Latency = TimeSpan.FromSeconds(15) }, one, CancellationToken.None);
        await Store.RecordAttempt(Attempt(two, 1, T0.AddSeconds(2), 500), two, CancellationToken.None);
        await Store.RecordAttempt(Attempt(one, 2, T0.AddSeconds(3), 200) with { NextAttemptAt = null }, one, CancellationToken.None);
        await Store.RecordAttempt(Attempt(otherEndpoint, 1, T0.AddSeconds(4), 200), otherEndpoint, CancellationToken.None);
        await Store.RecordAttempt(Attempt(otherClient, 1, T0.AddSeconds(5), 200), otherClient, CancellationToken.None);

        var all = await Store.AttemptsForEndpoint("client_a", "ep_1", 10, CancellationToken.None);
        var latest = await Store.AttemptsForEndpoint("client_a", "ep_1", 2, CancellationToken.None);

        Assert.Equal([("dlv_1", 2), ("dlv_2", 1), ("dlv_1", 1)], all.Select(a => (a.DeliveryId, a.Attempt)));
        Assert.Equal([("dlv_1", 2), ("dlv_2", 1)], latest.Select(a => (a.DeliveryId, a.Attempt)));
        Assert.Equal(Attempt(one, 1, T0.AddSeconds(1), null) with { Error = "timeout after 15 s", Latency = TimeSpan.FromSeconds(15) }, all[2]);
        Assert.Empty(await Store.AttemptsForEndpoint("client_b", "ep_2", 10, CancellationToken.None));
    }

    [Fact]
    public async Task Ids_holding_the_key_separator_do_not_reach_another_clients_attempts()
    {
        var mine = await Store.OpenDelivery(Delivery("a", "dlv_mine", "b#e", Guid.NewGuid(), T0), CancellationToken.None);
        var theirs = await Store.OpenDelivery(Delivery("a#b", "dlv_theirs", "e", Guid.NewGuid(), T0), CancellationToken.None);
        await Store.RecordAttempt(Attempt(mine, 1, T0, 200), mine, CancellationToken.None);
        await Store.RecordAttempt(Attempt(theirs, 1, T0.AddSeconds(1), 200), theirs, CancellationToken.None);

        Assert.Equal(["dlv_mine"], (await Store.AttemptsForEndpoint("a", "b#e", 10, CancellationToken.None)).Select(a => a.DeliveryId));
        Assert.Equal(["dlv_theirs"], (await Store.AttemptsForEndpoint("a#b", "e", 10, CancellationToken.None)).Select(a => a.DeliveryId));
    }

    [Fact]
    public async Task Payment_deliveries_come_back_by_creation_and_only_to_the_paying_client()
    {
        var payment = Guid.NewGuid();
        await Store.OpenDelivery(Delivery("client_a", "dlv_late", "ep_1", payment, T0.AddMinutes(1)), CancellationToken.None);
        await Store.OpenDelivery(Delivery("client_a", "dlv_early", "ep_2", payment, T0), CancellationToken.None);
        await Store.OpenDelivery(Delivery("client_a", "dlv_other", "ep_1", Guid.NewGuid(), T0), CancellationToken.None);
        await Store.OpenDelivery(Delivery("client_a", "dlv_endpoint_event", "ep_1", null, T0), CancellationToken.None);

        Assert.Equal(["dlv_early", "dlv_late"], (await Store.DeliveriesForPayment("client_a", payment, CancellationToken.None)).Select(d => d.DeliveryId));
        Assert.Empty(await Store.DeliveriesForPayment("client_b", payment, CancellationToken.None));
    }

    [Fact]
    public async Task Each_index_holds_only_its_own_kind_of_item()
    {
        var delivery = await Store.OpenDelivery(Delivery("client_a", "dlv_1", "ep_1", Guid.NewGuid(), T0), CancellationToken.None);
        await Store.AddMessage(Message("client_a", delivery.MessageId, T0, "{}"), CancellationToken.None);
        await Store.RecordAttempt(Attempt(delivery, 1, T0, 200), delivery, CancellationToken.None);

        foreach (var (index, kind) in new[]
                 {
                     (DynamoDbWebhookSchema.MessagesByClientIndex, "message"),
                     (DynamoDbWebhookSchema.DeliveriesByPaymentIndex, "delivery"),
                     (DynamoDbWebhookSchema.AttemptsByEndpointIndex, "attempt#0000000001"),
                 })
        {
            var items = (await dynamo.Client.ScanAsync(new ScanRequest { TableName = _tables.Deliveries, IndexName = index })).Items;
            Assert.Equal(kind, Assert.Single(items)[DynamoDbWebhookSchema.SortKey].S);
        }
    }

    private static void AssertSame(WebhookEndpoint expected, WebhookEndpoint? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.EventTypes, actual.EventTypes);
        Assert.Equal(expected with { EventTypes = actual.EventTypes }, actual);
    }

    private static WebhookEndpoint Endpoint(string client, string id) => new(
        id, client, "https://receiver.example/hook", [], null, Enabled: true, null, null, "kms1:c2VjcmV0", null, null, null, T0, T0, Revision: 1);

    private static WebhookMessage Message(string client, string id, DateTimeOffset at, string payload) =>
        new(id, client, "payment.completed", Guid.NewGuid(), 3, at, payload);

    private static WebhookDelivery Delivery(string client, string id, string endpoint, Guid? payment, DateTimeOffset createdAt) =>
        new(id, "msg_" + id, endpoint, client, "payment.completed", payment, WebhookDeliveryState.Pending, 0, 0, null, null, null, createdAt, createdAt);

    private static WebhookAttempt Attempt(WebhookDelivery delivery, int n, DateTimeOffset at, int? status) =>
        new(delivery.DeliveryId, n, delivery.MessageId, delivery.EndpointId, delivery.ClientId, delivery.EventType, delivery.PaymentId, at, status, TimeSpan.FromMilliseconds(120.5), status is 200 ? null : "HTTP " + status, at.AddSeconds(5));
}
