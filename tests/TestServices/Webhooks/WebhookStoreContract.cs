using Payments.Application.Webhooks;
using Payments.Application.Webhooks.Deliveries;
using Payments.Application.Webhooks.Endpoints;
using Xunit;

namespace Payments.TestServices.Webhooks;

/// <summary>
/// The behaviour every webhook store backend owes its callers, written once: each backend subclasses it and supplies
/// its stores. Every test works under fresh client, endpoint and message ids, so a backend may share its tables
/// across tests. Times are whole milliseconds, the precision every backend keeps.
/// </summary>
public abstract class WebhookStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 15, 9, 0, 0, TimeSpan.Zero);
    private static readonly CancellationToken None = CancellationToken.None;

    private IWebhookEndpointStore? _endpoints;
    private IWebhookDeliveryStore? _deliveries;

    protected IWebhookEndpointStore Endpoints => _endpoints ?? throw new InvalidOperationException("Stores not created yet.");

    protected IWebhookDeliveryStore Deliveries => _deliveries ?? throw new InvalidOperationException("Stores not created yet.");

    public async Task InitializeAsync() => (_endpoints, _deliveries) = await CreateStores();

    public virtual async Task DisposeAsync()
    {
        if (_endpoints is IAsyncDisposable endpoints)
        {
            await endpoints.DisposeAsync();
        }

        if (!ReferenceEquals(_endpoints, _deliveries) && _deliveries is IAsyncDisposable deliveries)
        {
            await deliveries.DisposeAsync();
        }
    }

    [Fact]
    public async Task Added_endpoint_is_found_with_every_field_as_stored()
    {
        var endpoint = NewEndpoint(NewClient()) with
        {
            EventTypes = [WebhookEventTypes.PaymentCompleted, WebhookEventTypes.PaymentFailed],
            Description = "ledger sink",
            Enabled = false,
            DisabledReason = "answered 410",
            DisabledAt = T0.AddHours(3),
            PreviousSealedSecret = "v1:previous",
            PreviousSecretExpiresAt = T0.AddDays(1),
            FailingSince = T0.AddHours(1),
        };

        await Endpoints.Add(endpoint, None);

        AssertSame(endpoint, await Endpoints.Find(endpoint.ClientId, endpoint.EndpointId, None));
    }

    [Fact]
    public async Task Endpoint_with_no_event_types_reads_back_wanting_every_type()
    {
        var endpoint = NewEndpoint(NewClient());

        await Endpoints.Add(endpoint, None);

        var found = await Endpoints.Find(endpoint.ClientId, endpoint.EndpointId, None);
        AssertSame(endpoint, found);
        Assert.True(found!.Wants(WebhookEventTypes.PaymentProcessing));
    }

    [Fact]
    public async Task Adding_an_endpoint_id_twice_throws_and_keeps_the_first()
    {
        var endpoint = NewEndpoint(NewClient());
        await Endpoints.Add(endpoint, None);

        await Assert.ThrowsAsync<InvalidOperationException>(() => Endpoints.Add(endpoint with { Url = "https://other.example/hook" }, None));

        AssertSame(endpoint, await Endpoints.Find(endpoint.ClientId, endpoint.EndpointId, None));
    }

    [Fact]
    public async Task Endpoints_are_listed_for_their_client_only_oldest_first()
    {
        var client = NewClient();
        var newer = NewEndpoint(client) with { CreatedAt = T0.AddMinutes(2) };
        var older = NewEndpoint(client) with { CreatedAt = T0.AddMinutes(1) };
        await Endpoints.Add(newer, None);
        await Endpoints.Add(older, None);
        await Endpoints.Add(NewEndpoint(NewClient()), None);

        var listed = await Endpoints.ListFor(client, None);

        Assert.Equal([older.EndpointId, newer.EndpointId], listed.Select(e => e.EndpointId));
    }

    [Fact]
    public async Task Replace_over_the_previous_revision_stores_the_new_endpoint()
    {
        var endpoint = NewEndpoint(NewClient());
        await Endpoints.Add(endpoint, None);
        var changed = endpoint with { Url = "https://changed.example/hook", EventTypes = [WebhookEventTypes.PaymentFailed], UpdatedAt = T0.AddMinutes(5), Revision = 2 };

        Assert.True(await Endpoints.Replace(changed, None));

        AssertSame(changed, await Endpoints.Find(endpoint.ClientId, endpoint.EndpointId, None));
    }

    [Theory]
    [InlineData(2)]
    [InlineData(4)]
    public async Task Replace_over_any_other_revision_returns_false_and_keeps_the_stored_endpoint(long revision)
    {
        var endpoint = NewEndpoint(NewClient());
        await Endpoints.Add(endpoint, None);
        var stored = endpoint with { Description = "second", Revision = 2 };
        await Endpoints.Replace(stored, None);

        Assert.False(await Endpoints.Replace(endpoint with { Description = "stale", Revision = revision }, None));

        AssertSame(stored, await Endpoints.Find(endpoint.ClientId, endpoint.EndpointId, None));
    }

    [Fact]
    public async Task Replace_of_a_removed_endpoint_returns_false_and_creates_nothing()
    {
        var endpoint = NewEndpoint(NewClient());
        await Endpoints.Add(endpoint, None);
        await Endpoints.Remove(endpoint.ClientId, endpoint.EndpointId, None);

        Assert.False(await Endpoints.Replace(endpoint with { Revision = 2 }, None));

        Assert.Null(await Endpoints.Find(endpoint.ClientId, endpoint.EndpointId, None));
    }

    [Fact]
    public async Task Another_client_never_finds_replaces_or_removes_the_endpoint()
    {
        var endpoint = NewEndpoint(NewClient());
        var intruder = NewClient();
        await Endpoints.Add(endpoint, None);

        Assert.Null(await Endpoints.Find(intruder, endpoint.EndpointId, None));
        Assert.Empty(await Endpoints.ListFor(intruder, None));
        Assert.False(await Endpoints.Replace(endpoint with { ClientId = intruder, Url = "https://intruder.example/hook", Revision = 2 }, None));
        Assert.False(await Endpoints.Remove(intruder, endpoint.EndpointId, None));

        AssertSame(endpoint, await Endpoints.Find(endpoint.ClientId, endpoint.EndpointId, None));
    }

    [Fact]
    public async Task Remove_deletes_the_endpoint_once()
    {
        var endpoint = NewEndpoint(NewClient());
        await Endpoints.Add(endpoint, None);

        Assert.True(await Endpoints.Remove(endpoint.ClientId, endpoint.EndpointId, None));
        Assert.False(await Endpoints.Remove(endpoint.ClientId, endpoint.EndpointId, None));

        Assert.Null(await Endpoints.Find(endpoint.ClientId, endpoint.EndpointId, None));
    }

    [Fact]
    public async Task Adding_a_message_twice_keeps_the_first_write()
    {
        var first = NewMessage(NewClient(), T0);

        var added = await Deliveries.AddMessage(first, None);
        var again = await Deliveries.AddMessage(first with { Payload = """{"type":"rewritten"}""", Timestamp = T0.AddHours(1) }, None);

        Assert.Equal(first, added);
        Assert.Equal(first, again);
        Assert.Equal(first, await Deliveries.FindMessage(first.MessageId, None));
    }

    [Fact]
    public async Task Message_payload_is_kept_byte_for_byte()
    {
        var message = NewMessage(NewClient(), T0) with { Payload = "{ \"type\" :\"payment.completed\",\n  \"data\":{\"amount\":\"10.50\",\"name\":\"Zoë \\u00e9\"} }" };

        await Deliveries.AddMessage(message, None);

        Assert.Equal(message.Payload, (await Deliveries.FindMessage(message.MessageId, None))!.Payload);
    }

    [Fact]
    public async Task Endpoint_event_message_has_no_payment_and_no_sequence()
    {
        var message = NewMessage(NewClient(), T0) with { EventType = WebhookEventTypes.EndpointDisabled, PaymentId = null, Sequence = null };

        await Deliveries.AddMessage(message, None);

        Assert.Equal(message, await Deliveries.FindMessage(message.MessageId, None));
    }

    [Fact]
    public async Task Unknown_message_and_delivery_are_not_found()
    {
        Assert.Null(await Deliveries.FindMessage("msg_" + Guid.NewGuid().ToString("N"), None));
        Assert.Null(await Deliveries.FindDelivery("dlv_" + Guid.NewGuid().ToString("N"), None));
    }

    [Fact]
    public async Task Messages_window_takes_since_inclusive_and_until_exclusive_oldest_first()
    {
        var client = NewClient();
        var since = T0;
        var until = T0.AddHours(1);
        var offsets = new[] { TimeSpan.FromHours(1), TimeSpan.FromMilliseconds(-1), TimeSpan.FromMinutes(30), TimeSpan.Zero, TimeSpan.FromHours(1) - TimeSpan.FromMilliseconds(1) };
        foreach (var offset in offsets)
        {
            await Deliveries.AddMessage(NewMessage(client, since + offset), None);
        }

        var window = await Deliveries.MessagesFor(client, since, until, 100, None);

        Assert.Equal([since, since.AddMinutes(30), until.AddMilliseconds(-1)], window.Select(m => m.Timestamp));
    }

    [Fact]
    public async Task Messages_window_returns_at_most_the_limit_oldest_first()
    {
        var client = NewClient();
        for (var minute = 3; minute >= 0; minute--)
        {
            await Deliveries.AddMessage(NewMessage(client, T0.AddMinutes(minute)), None);
        }

        var window = await Deliveries.MessagesFor(client, T0, T0.AddHours(1), 2, None);

        Assert.Equal([T0, T0.AddMinutes(1)], window.Select(m => m.Timestamp));
    }

    [Fact]
    public async Task Messages_window_never_holds_another_clients_messages()
    {
        var client = NewClient();
        var own = await Deliveries.AddMessage(NewMessage(client, T0), None);
        await Deliveries.AddMessage(NewMessage(NewClient(), T0), None);

        var window = await Deliveries.MessagesFor(client, T0, T0.AddHours(1), 100, None);

        Assert.Equal([own], window);
    }

    [Fact]
    public async Task Opening_a_delivery_twice_keeps_the_first_write()
    {
        var first = NewDelivery(NewMessage(NewClient(), T0), "ep_" + Guid.NewGuid().ToString("N"));

        var opened = await Deliveries.OpenDelivery(first, None);
        var again = await Deliveries.OpenDelivery(first with { State = WebhookDeliveryState.Delivered, Attempts = 3, UpdatedAt = T0.AddHours(1) }, None);

        Assert.Equal(first, opened);
        Assert.Equal(first, again);
        Assert.Equal(first, await Deliveries.FindDelivery(first.DeliveryId, None));
    }

    [Fact]
    public async Task Saving_a_delivery_replaces_its_state()
    {
        var delivery = NewDelivery(NewMessage(NewClient(), T0), "ep_" + Guid.NewGuid().ToString("N"));
        await Deliveries.OpenDelivery(delivery, None);
        var skipped = delivery with { State = WebhookDeliveryState.Skipped, LastError = "endpoint disabled", NextAttemptAt = null, UpdatedAt = T0.AddMinutes(1) };

        await Deliveries.SaveDelivery(skipped, None);

        Assert.Equal(skipped, await Deliveries.FindDelivery(delivery.DeliveryId, None));
    }

    [Fact]
    public async Task Deliveries_of_a_payment_are_the_clients_own_by_creation()
    {
        var client = NewClient();
        var payment = Guid.NewGuid();
        var message = NewMessage(client, T0) with { PaymentId = payment };
        var later = NewDelivery(message, "ep_b") with { CreatedAt = T0.AddSeconds(2) };
        var earlier = NewDelivery(message, "ep_a") with { CreatedAt = T0.AddSeconds(1) };
        await Deliveries.OpenDelivery(later, None);
        await Deliveries.OpenDelivery(earlier, None);
        await Deliveries.OpenDelivery(NewDelivery(NewMessage(client, T0) with { PaymentId = Guid.NewGuid() }, "ep_a"), None);
        await Deliveries.OpenDelivery(NewDelivery(NewMessage(NewClient(), T0) with { PaymentId = payment }, "ep_x"), None);

        var listed = await Deliveries.DeliveriesForPayment(client, payment, None);

        Assert.Equal([earlier, later], listed);
    }

    [Fact]
    public async Task Recording_an_attempt_stores_it_and_replaces_the_delivery()
    {
        var delivery = NewDelivery(NewMessage(NewClient(), T0), "ep_" + Guid.NewGuid().ToString("N"));
        await Deliveries.OpenDelivery(delivery, None);
        var attempt = NewAttempt(delivery, 1, T0.AddSeconds(1)) with { StatusCode = 503, Error = "answered 503", NextAttemptAt = T0.AddSeconds(6) };
        var retrying = delivery with { Attempts = 1, RoundAttempts = 1, LastStatusCode = 503, LastError = "answered 503", NextAttemptAt = T0.AddSeconds(6), UpdatedAt = T0.AddSeconds(1) };

        await Deliveries.RecordAttempt(attempt, retrying, None);

        Assert.Equal([attempt], await Deliveries.AttemptsForDelivery(delivery.DeliveryId, None));
        Assert.Equal(retrying, await Deliveries.FindDelivery(delivery.DeliveryId, None));
    }

    [Fact]
    public async Task A_due_delivery_is_claimed_once_until_its_lease_lapses()
    {
        var delivery = NewDelivery(NewMessage(NewClient(), T0), "ep_" + Guid.NewGuid().ToString("N")) with { NextAttemptAt = T0 };
        await Deliveries.OpenDelivery(delivery, None);
        var lease = T0.AddSeconds(30);

        Assert.True(await Deliveries.Claim(delivery.DeliveryId, 0, T0.AddSeconds(1), lease, None));
        Assert.False(await Deliveries.Claim(delivery.DeliveryId, 0, T0.AddSeconds(2), T0.AddSeconds(32), None));
        Assert.Equal(lease, (await Deliveries.FindDelivery(delivery.DeliveryId, None))!.NextAttemptAt);

        Assert.True(await Deliveries.Claim(delivery.DeliveryId, 0, lease, T0.AddSeconds(60), None));
    }

    [Fact]
    public async Task A_delivery_that_moved_on_settled_or_is_not_due_is_not_claimed()
    {
        var message = NewMessage(NewClient(), T0);
        var waiting = NewDelivery(message, "ep_" + Guid.NewGuid().ToString("N")) with { NextAttemptAt = T0.AddMinutes(5), Attempts = 1, RoundAttempts = 1 };
        var delivered = NewDelivery(message, "ep_" + Guid.NewGuid().ToString("N")) with { State = WebhookDeliveryState.Delivered, NextAttemptAt = null, Attempts = 1 };
        await Deliveries.OpenDelivery(waiting, None);
        await Deliveries.OpenDelivery(delivered, None);

        Assert.False(await Deliveries.Claim(waiting.DeliveryId, 1, T0.AddMinutes(4), T0.AddMinutes(6), None));
        Assert.False(await Deliveries.Claim(waiting.DeliveryId, 0, T0.AddMinutes(6), T0.AddMinutes(7), None));
        Assert.False(await Deliveries.Claim(delivered.DeliveryId, 1, T0.AddMinutes(6), T0.AddMinutes(7), None));
        Assert.False(await Deliveries.Claim("dlv_missing_" + Guid.NewGuid().ToString("N"), 0, T0, T0.AddMinutes(1), None));
        Assert.True(await Deliveries.Claim(waiting.DeliveryId, 1, T0.AddMinutes(5), T0.AddMinutes(6), None));
    }

    [Fact]
    public async Task Repeating_a_recorded_attempt_changes_nothing()
    {
        var delivery = NewDelivery(NewMessage(NewClient(), T0), "ep_" + Guid.NewGuid().ToString("N"));
        await Deliveries.OpenDelivery(delivery, None);
        var attempt = NewAttempt(delivery, 1, T0.AddSeconds(1));
        var delivered = delivery with { State = WebhookDeliveryState.Delivered, Attempts = 1, RoundAttempts = 1, LastStatusCode = 200, UpdatedAt = T0.AddSeconds(1) };
        Assert.True(await Deliveries.RecordAttempt(attempt, delivered, None));

        Assert.False(await Deliveries.RecordAttempt(
            attempt with { StatusCode = 500, Error = "answered 500" },
            delivered with { State = WebhookDeliveryState.Failed, LastStatusCode = 500 },
            None));

        Assert.Equal([attempt], await Deliveries.AttemptsForDelivery(delivery.DeliveryId, None));
        Assert.Equal(delivered, await Deliveries.FindDelivery(delivery.DeliveryId, None));
    }

    [Fact]
    public async Task Attempts_of_a_delivery_come_in_attempt_order()
    {
        var delivery = NewDelivery(NewMessage(NewClient(), T0), "ep_" + Guid.NewGuid().ToString("N"));
        await Deliveries.OpenDelivery(delivery, None);

        foreach (var number in new[] { 3, 1, 2 })
        {
            await Deliveries.RecordAttempt(NewAttempt(delivery, number, T0.AddMinutes(number)), delivery with { Attempts = number }, None);
        }

        Assert.Equal([1, 2, 3], (await Deliveries.AttemptsForDelivery(delivery.DeliveryId, None)).Select(a => a.Attempt));
    }

    [Fact]
    public async Task Attempts_of_an_endpoint_come_newest_first_and_at_most_the_limit()
    {
        var client = NewClient();
        var endpoint = "ep_" + Guid.NewGuid().ToString("N");
        var first = NewDelivery(NewMessage(client, T0), endpoint);
        var second = NewDelivery(NewMessage(client, T0), endpoint);
        var elsewhere = NewDelivery(NewMessage(client, T0), "ep_" + Guid.NewGuid().ToString("N"));
        await Record(NewAttempt(first, 1, T0.AddSeconds(1)), first);
        await Record(NewAttempt(second, 1, T0.AddSeconds(2)), second);
        await Record(NewAttempt(first, 2, T0.AddSeconds(3)), first);
        await Record(NewAttempt(elsewhere, 1, T0.AddSeconds(4)), elsewhere);
        await Record(NewAttempt(second, 2, T0.AddSeconds(5)), second);

        var recent = await Deliveries.AttemptsForEndpoint(client, endpoint, 3, None);

        Assert.Equal([T0.AddSeconds(5), T0.AddSeconds(3), T0.AddSeconds(2)], recent.Select(a => a.At));
        Assert.All(recent, a => Assert.Equal(endpoint, a.EndpointId));
    }

    [Fact]
    public async Task Attempts_of_an_endpoint_are_never_shown_to_another_client()
    {
        var delivery = NewDelivery(NewMessage(NewClient(), T0), "ep_" + Guid.NewGuid().ToString("N"));
        await Record(NewAttempt(delivery, 1, T0), delivery);

        Assert.Empty(await Deliveries.AttemptsForEndpoint(NewClient(), delivery.EndpointId, 10, None));
        Assert.Single(await Deliveries.AttemptsForEndpoint(delivery.ClientId, delivery.EndpointId, 10, None));
    }

    /// <summary>A fresh pair of stores (they may be one object) for one test.</summary>
    protected abstract Task<(IWebhookEndpointStore Endpoints, IWebhookDeliveryStore Deliveries)> CreateStores();

    protected static string NewClient() => "client_" + Guid.NewGuid().ToString("N");

    protected static WebhookEndpoint NewEndpoint(string clientId) => new(
        "ep_" + Guid.NewGuid().ToString("N"),
        clientId,
        "https://receiver.example/hook",
        [],
        null,
        true,
        null,
        null,
        "v1:sealed",
        null,
        null,
        null,
        T0,
        T0,
        1);

    protected static WebhookMessage NewMessage(string clientId, DateTimeOffset timestamp) => new(
        "msg_" + Guid.NewGuid().ToString("N"),
        clientId,
        WebhookEventTypes.PaymentCompleted,
        Guid.NewGuid(),
        3,
        timestamp,
        """{"type":"payment.completed","data":{}}""");

    protected static WebhookDelivery NewDelivery(WebhookMessage message, string endpointId) => new(
        WebhookIds.Delivery(message.MessageId, endpointId),
        message.MessageId,
        endpointId,
        message.ClientId,
        message.EventType,
        message.PaymentId,
        WebhookDeliveryState.Pending,
        0,
        0,
        null,
        null,
        message.Timestamp,
        message.Timestamp,
        message.Timestamp);

    protected static WebhookAttempt NewAttempt(WebhookDelivery delivery, int number, DateTimeOffset at) => new(
        delivery.DeliveryId,
        number,
        delivery.MessageId,
        delivery.EndpointId,
        delivery.ClientId,
        delivery.EventType,
        delivery.PaymentId,
        at,
        200,
        TimeSpan.FromMilliseconds(137),
        null,
        null);

    private static void AssertSame(WebhookEndpoint expected, WebhookEndpoint? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.EventTypes, actual.EventTypes);
        Assert.Equal(expected, actual with { EventTypes = expected.EventTypes });
    }

    private async Task Record(WebhookAttempt attempt, WebhookDelivery delivery)
    {
        await Deliveries.OpenDelivery(delivery, None);
        await Deliveries.RecordAttempt(attempt, delivery with { Attempts = attempt.Attempt }, None);
    }
}
