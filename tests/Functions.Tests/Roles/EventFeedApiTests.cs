using System.Net;
using System.Text.Json;
using Payments.Domain.Requests;
using Payments.EventStore.Contract;
using Payments.Functions.Tests.Api;

namespace Payments.Functions.Tests.Roles;

/// <summary>GET /events through the real host: pages in global order, scoped by role, resumable by an opaque cursor.</summary>
public sealed class EventFeedApiTests(RoleHostFixture host) : IClassFixture<RoleHostFixture>
{
    [Theory]
    [InlineData("finance")]
    [InlineData("auditor")]
    [InlineData("client+auditor")]
    public async Task Finance_and_auditors_read_every_clients_events_in_order(string role)
    {
        var events = await ReadAll(role, limit: 2);

        var positions = events.Select(e => e.GetProperty("position").GetInt64()).ToList();
        Assert.Equal(Enumerable.Range(1, positions.Count).Select(p => (long)p), positions);
        Assert.Equal(host.Store.LastCommittedPosition, positions[^1]);
        var payments = events.Select(e => e.GetProperty("payment_id").GetGuid()).ToHashSet();
        Assert.Superset(new HashSet<Guid> { host.PaymentA, host.PaymentB, host.PaymentAcme }, payments);
    }

    [Fact]
    public async Task Client_reads_only_its_own_payments_events()
    {
        var events = await ReadAll("client_b", limit: 1);

        Assert.Contains(events, e => e.GetProperty("payment_id").GetGuid() == host.PaymentB);
        Assert.All(events, e => Assert.NotEqual(host.PaymentA, e.GetProperty("payment_id").GetGuid()));
        Assert.All(events, e => Assert.NotEqual(host.PaymentAcme, e.GetProperty("payment_id").GetGuid()));
        var mine = (await ReadAll("client_a", limit: 1)).Where(e => e.GetProperty("payment_id").GetGuid() == host.PaymentA);
        Assert.Equal([1L, 2, 3], mine.Select(e => e.GetProperty("version").GetInt64()));
    }

    [Fact]
    public async Task Each_event_carries_its_position_payment_version_data_metadata_and_hash()
    {
        var first = (await ReadAll("finance", limit: 1))[0];
        var stored = (await host.Store.ReadAll(0, 1))[0];

        Assert.Equal(1, first.GetProperty("position").GetInt64());
        Assert.Equal(host.PaymentA, first.GetProperty("payment_id").GetGuid());
        Assert.Equal(1, first.GetProperty("version").GetInt64());
        Assert.Equal("PaymentRequested", first.GetProperty("type").GetString());
        Assert.Equal(1, first.GetProperty("schema_version").GetInt32());
        Assert.Equal(host.Start, first.GetProperty("recorded_at").GetDateTimeOffset());
        Assert.Equal(JsonValueKind.Object, first.GetProperty("data").ValueKind);
        Assert.Equal("client_a", first.GetProperty("data").GetProperty("client_id").GetString());
        var metadata = first.GetProperty("metadata");
        Assert.Equal(stored.Metadata.CorrelationId, metadata.GetProperty("correlation_id").GetString());
        Assert.Equal(JsonValueKind.Null, metadata.GetProperty("causation_id").ValueKind);
        Assert.Equal("client:client_a", metadata.GetProperty("actor").GetString());
        Assert.Equal(stored.Hash, first.GetProperty("hash").GetString());
    }

    [Fact]
    public async Task At_the_head_the_page_is_empty_and_the_cursor_polls_from_there()
    {
        using var finance = host.Client("finance");
        var cursor = await CursorAtHead(finance);

        var empty = await ApiRequests.Json(await finance.GetAsync($"/events?after={cursor}"));
        var created = await host.Create("client_b");
        var next = await ApiRequests.Json(await finance.GetAsync($"/events?after={cursor}"));

        Assert.Empty(empty.GetProperty("events").EnumerateArray());
        Assert.Equal(cursor, empty.GetProperty("next_cursor").GetString());
        Assert.Equal(created, Assert.Single(next.GetProperty("events").EnumerateArray()).GetProperty("payment_id").GetGuid());
    }

    [Fact]
    public async Task Tampered_or_made_up_cursor_is_400_naming_after()
    {
        using var finance = host.Client("finance");
        var cursor = (await ApiRequests.Json(await finance.GetAsync("/events?limit=1"))).GetProperty("next_cursor").GetString()!;
        var tampered = cursor[..^2] + (cursor[^2] == 'A' ? 'B' : 'A') + cursor[^1];

        foreach (var after in new[] { tampered, "1", "garbage!", Convert.ToBase64String(BitConverter.GetBytes(1L)) })
        {
            using var response = await finance.GetAsync($"/events?after={Uri.EscapeDataString(after)}");
            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Equal("after", (await ApiRequests.Json(response)).GetProperty("errors")[0].GetProperty("field").GetString());
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    [InlineData("ten")]
    [InlineData("-5")]
    public async Task Limit_outside_1_to_1000_is_400(string limit)
    {
        using var finance = host.Client("finance");

        using var response = await finance.GetAsync($"/events?limit={limit}");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("limit", (await ApiRequests.Json(response)).GetProperty("errors")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task Default_page_is_100_events_and_1000_is_allowed()
    {
        PaymentRequestValidator.Validate(new PaymentRequest(10.00m, "EUR", "DE89370400440532013000", "MX-CLABE-032180000118359719"), out var request);
        while (host.Store.LastCommittedPosition < 101)
        {
            await host.Ledger.Request("client_b", IdempotencyKey.Parse(ApiRequests.NewKey()), request!, new EventMetadata("feed", null, "test"), CancellationToken.None);
        }

        using var finance = host.Client("finance");
        var page = await ApiRequests.Json(await finance.GetAsync("/events"));
        using var most = await finance.GetAsync("/events?limit=1000");

        Assert.Equal(100, page.GetProperty("events").GetArrayLength());
        Assert.Equal(HttpStatusCode.OK, most.StatusCode);
    }

    private async Task<string> CursorAtHead(HttpClient client)
    {
        string? cursor = null;
        while (true)
        {
            var page = await ApiRequests.Json(await client.GetAsync(cursor is null ? "/events?limit=1000" : $"/events?limit=1000&after={cursor}"));
            cursor = page.GetProperty("next_cursor").GetString()!;
            if (page.GetProperty("events").GetArrayLength() == 0)
            {
                return cursor;
            }
        }
    }

    private async Task<List<JsonElement>> ReadAll(string role, int limit)
    {
        using var client = host.Client(role);
        var events = new List<JsonElement>();
        string? cursor = null;
        while (true)
        {
            using var response = await client.GetAsync(cursor is null ? $"/events?limit={limit}" : $"/events?limit={limit}&after={cursor}");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await ApiRequests.Json(response);
            var items = page.GetProperty("events").EnumerateArray().ToList();
            Assert.True(items.Count <= limit);
            events.AddRange(items);
            cursor = page.GetProperty("next_cursor").GetString();
            Assert.False(string.IsNullOrEmpty(cursor));
            if (items.Count == 0)
            {
                return events;
            }
        }
    }
}
