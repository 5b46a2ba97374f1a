using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Payments.Application.Webhooks.Queue;

namespace Payments.Functions.Tests.Webhooks;

/// <summary>The recorded deliveries and attempts as the API shows them, and the two replays: redelivery and recovery.</summary>
public sealed class WebhookDeliveryApiTests(WebhookApiFixture host) : IClassFixture<WebhookApiFixture>
{
    private static readonly string[] DeliveryMembers =
    [
        "id", "message_id", "endpoint_id", "event_type", "state", "attempt_count", "last_status_code", "last_error",
        "next_attempt_at", "created_at", "updated_at", "attempts",
    ];

    private static readonly string[] AttemptMembers =
    [
        "delivery_id", "message_id", "attempt", "event_type", "payment_id", "at", "status_code", "latency_ms", "error", "next_attempt_at",
    ];

    [Fact]
    public async Task A_payments_deliveries_list_each_delivery_with_every_attempt_in_order()
    {
        var (endpointId, paymentId, delivery) = await Seeded();
        using var http = host.Client();

        using var response = await http.GetAsync(new Uri($"/payments/{paymentId}/deliveries", UriKind.Relative));
        var body = await WebhookApiFixture.Read(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(paymentId, body.GetProperty("payment_id").GetGuid());
        var item = Assert.Single(body.GetProperty("items").EnumerateArray());
        Assert.Equal(DeliveryMembers, item.EnumerateObject().Select(p => p.Name));
        Assert.Equal(delivery.DeliveryId, item.GetProperty("id").GetString());
        Assert.Equal(delivery.MessageId, item.GetProperty("message_id").GetString());
        Assert.Equal(endpointId, item.GetProperty("endpoint_id").GetString());
        Assert.Equal(("payment.completed", "delivered", 2, 200), (
            item.GetProperty("event_type").GetString(), item.GetProperty("state").GetString(),
            item.GetProperty("attempt_count").GetInt32(), item.GetProperty("last_status_code").GetInt32()));
        var attempts = item.GetProperty("attempts").EnumerateArray().ToList();
        Assert.Equal([1, 2], attempts.Select(a => a.GetProperty("attempt").GetInt32()));
        Assert.Equal(AttemptMembers, attempts[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal((500, "HTTP 500", 42L), (attempts[0].GetProperty("status_code").GetInt32(), attempts[0].GetProperty("error").GetString(), attempts[0].GetProperty("latency_ms").GetInt64()));
        Assert.Equal(JsonValueKind.String, attempts[0].GetProperty("next_attempt_at").ValueKind);
        Assert.Equal(JsonValueKind.Null, attempts[1].GetProperty("next_attempt_at").ValueKind);
    }

    [Fact]
    public async Task A_payment_without_deliveries_has_an_empty_list_and_an_unknown_one_is_404()
    {
        var paymentId = await host.CreatePayment();
        using var http = host.Client();

        var empty = await WebhookApiFixture.Read(await http.GetAsync(new Uri($"/payments/{paymentId}/deliveries", UriKind.Relative)));
        using var unknown = await http.GetAsync(new Uri($"/payments/{Guid.NewGuid()}/deliveries", UriKind.Relative));
        using var notAnId = await http.GetAsync(new Uri("/payments/not-a-guid/deliveries", UriKind.Relative));

        Assert.Empty(empty.GetProperty("items").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, notAnId.StatusCode);
    }

    [Fact]
    public async Task Endpoint_attempts_are_newest_first_within_the_limit()
    {
        var (endpointId, paymentId, delivery) = await Seeded();
        using var http = host.Client();

        var all = await WebhookApiFixture.Read(await http.GetAsync(new Uri($"/webhook-endpoints/{endpointId}/attempts", UriKind.Relative)));
        var one = await WebhookApiFixture.Read(await http.GetAsync(new Uri($"/webhook-endpoints/{endpointId}/attempts?limit=1", UriKind.Relative)));

        Assert.Equal([2, 1], all.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("attempt").GetInt32()));
        var newest = Assert.Single(one.GetProperty("items").EnumerateArray());
        Assert.Equal((delivery.DeliveryId, delivery.MessageId, paymentId, 200), (
            newest.GetProperty("delivery_id").GetString(), newest.GetProperty("message_id").GetString(),
            newest.GetProperty("payment_id").GetGuid(), newest.GetProperty("status_code").GetInt32()));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("201")]
    [InlineData("ten")]
    public async Task An_attempts_limit_out_of_range_is_400(string limit)
    {
        var endpointId = (await host.CreateEndpoint()).GetProperty("id").GetString()!;
        using var http = host.Client();

        using var response = await http.GetAsync(new Uri($"/webhook-endpoints/{endpointId}/attempts?limit={limit}", UriKind.Relative));

        await WebhookEndpointApiTests.AssertFieldError(response, HttpStatusCode.BadRequest, "limit", "out_of_range");
    }

    [Fact]
    public async Task Redelivery_answers_202_with_the_delivery_queued_again_under_the_same_webhook_id()
    {
        var (_, _, delivery) = await Seeded();
        using var http = host.Client();

        using var response = await http.PostAsync(new Uri($"/webhook-deliveries/{delivery.DeliveryId}/redeliver", UriKind.Relative), null);
        var body = await WebhookApiFixture.Read(response);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal((delivery.DeliveryId, delivery.MessageId, "pending", 2), (
            body.GetProperty("id").GetString(), body.GetProperty("message_id").GetString(),
            body.GetProperty("state").GetString(), body.GetProperty("attempt_count").GetInt32()));
        Assert.Equal(2, body.GetProperty("attempts").GetArrayLength());
        var queued = await host.Services.GetRequiredService<IWebhookQueue>().Receive(10, TimeSpan.Zero, CancellationToken.None);
        Assert.Contains(queued, m => m.Body.Contains(delivery.DeliveryId, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Redelivery_of_an_unknown_delivery_is_404_and_to_a_disabled_endpoint_409()
    {
        var (endpointId, _, delivery) = await Seeded();
        using var http = host.Client();
        using var disable = await http.PatchAsync(new Uri($"/webhook-endpoints/{endpointId}", UriKind.Relative), WebhookApiFixture.Json("""{"enabled":false}"""));

        using var unknown = await http.PostAsync(new Uri("/webhook-deliveries/dlv_unknown/redeliver", UriKind.Relative), null);
        using var disabled = await http.PostAsync(new Uri($"/webhook-deliveries/{delivery.DeliveryId}/redeliver", UriKind.Relative), null);

        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        await WebhookEndpointApiTests.AssertFieldError(disabled, HttpStatusCode.Conflict, "endpoint_id", "endpoint_disabled");
    }

    [Fact]
    public async Task Recovery_answers_202_naming_the_window_and_until_defaults_to_now()
    {
        var endpointId = (await host.CreateEndpoint()).GetProperty("id").GetString()!;
        using var http = host.Client();

        using var bounded = await http.PostAsync(
            new Uri($"/webhook-endpoints/{endpointId}/recover", UriKind.Relative),
            WebhookApiFixture.Json("""{"since":"2026-01-01T00:00:00Z","until":"2026-01-02T00:00:00Z"}"""));
        var since = DateTimeOffset.UtcNow.AddHours(-1);
        using var open = await http.PostAsync(
            new Uri($"/webhook-endpoints/{endpointId}/recover", UriKind.Relative),
            WebhookApiFixture.Json($$"""{"since":"{{since:O}}"}"""));

        var boundedBody = await WebhookApiFixture.Read(bounded);
        Assert.Equal(HttpStatusCode.Accepted, bounded.StatusCode);
        Assert.Equal((endpointId, "queued"), (boundedBody.GetProperty("endpoint_id").GetString(), boundedBody.GetProperty("status").GetString()));
        Assert.Equal(DateTimeOffset.Parse("2026-01-02T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture), boundedBody.GetProperty("until").GetDateTimeOffset());
        var openBody = await WebhookApiFixture.Read(open);
        Assert.Equal(HttpStatusCode.Accepted, open.StatusCode);
        Assert.InRange(openBody.GetProperty("until").GetDateTimeOffset(), DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow);
    }

    /// <summary>Body, then the status, field and code of the refusal.</summary>
    public static TheoryData<string, HttpStatusCode, string, string> RefusedRecoveries() => new()
    {
        { """{}""", HttpStatusCode.BadRequest, "since", "required" },
        { """{"since":"yesterday"}""", HttpStatusCode.BadRequest, "since", "wrong_type" },
        { """{"since":"2026-01-02T00:00:00Z","until":"2026-01-01T00:00:00Z"}""", HttpStatusCode.BadRequest, "since", "window_invalid" },
        { """{"since":"2026-01-01T00:00:00Z","until":"2026-01-16T00:00:00Z"}""", HttpStatusCode.BadRequest, "since", "window_too_long" },
        { """{"since":"2026-01-01T00:00:00Z","since":"2026-01-02T00:00:00Z"}""", HttpStatusCode.BadRequest, "since", "duplicate_member" },
    };

    [Theory]
    [MemberData(nameof(RefusedRecoveries))]
    public async Task A_recovery_that_cannot_run_as_asked_is_refused_with_its_field_and_code(string body, HttpStatusCode status, string field, string code)
    {
        var endpointId = (await host.CreateEndpoint()).GetProperty("id").GetString()!;
        using var http = host.Client();

        using var response = await http.PostAsync(new Uri($"/webhook-endpoints/{endpointId}/recover", UriKind.Relative), WebhookApiFixture.Json(body));

        await WebhookEndpointApiTests.AssertFieldError(response, status, field, code);
    }

    [Fact]
    public async Task Recovery_for_a_disabled_endpoint_is_409()
    {
        var endpointId = (await host.CreateEndpoint()).GetProperty("id").GetString()!;
        using var http = host.Client();
        using var disable = await http.PatchAsync(new Uri($"/webhook-endpoints/{endpointId}", UriKind.Relative), WebhookApiFixture.Json("""{"enabled":false}"""));

        using var response = await http.PostAsync(
            new Uri($"/webhook-endpoints/{endpointId}/recover", UriKind.Relative), WebhookApiFixture.Json($$"""{"since":"{{DateTimeOffset.UtcNow.AddHours(-1):O}}"}"""));

        await WebhookEndpointApiTests.AssertFieldError(response, HttpStatusCode.Conflict, "endpoint_id", "endpoint_disabled");
    }

    private async Task<(string EndpointId, Guid PaymentId, Application.Webhooks.Deliveries.WebhookDelivery Delivery)> Seeded()
    {
        var endpointId = (await host.CreateEndpoint()).GetProperty("id").GetString()!;
        var paymentId = await host.CreatePayment();
        return (endpointId, paymentId, await host.SeedDelivery("client_a", endpointId, paymentId));
    }
}
