using System.Net;
using Payments.Functions.Tests.Api;

namespace Payments.Functions.Tests.Roles;

/// <summary>
/// Each role on every route: a client sees its own payments, an auditor every payment and history, finance the feed
/// of every client, an operator every payment (to find and fix) and the /operations routes; webhook endpoints stay a
/// client's, deliveries are read by whoever reads the payment. A refusal is a 403 problem that writes nothing.
/// </summary>
public sealed class RoleAccessTests(RoleHostFixture host) : IClassFixture<RoleHostFixture>
{
    private const string A = "{a}";
    private const string Unknown = "{unknown}";

    public static TheoryData<string, string, string, HttpStatusCode> Table => new()
    {
        { "client_a", "POST", "/payments", HttpStatusCode.Accepted },
        { "client+auditor", "POST", "/payments", HttpStatusCode.Accepted },
        { "auditor", "POST", "/payments", HttpStatusCode.Forbidden },
        { "finance", "POST", "/payments", HttpStatusCode.Forbidden },
        { "operator", "POST", "/payments", HttpStatusCode.Forbidden },

        { "client_a", "GET", "/payments", HttpStatusCode.OK },
        { "client+auditor", "GET", "/payments", HttpStatusCode.OK },
        { "auditor", "GET", "/payments", HttpStatusCode.Forbidden },
        { "finance", "GET", "/payments", HttpStatusCode.Forbidden },
        { "operator", "GET", "/payments", HttpStatusCode.Forbidden },

        { "client_a", "GET", $"/payments/{A}", HttpStatusCode.OK },
        { "client_b", "GET", $"/payments/{A}", HttpStatusCode.NotFound },
        { "auditor", "GET", $"/payments/{A}", HttpStatusCode.OK },
        { "client+auditor", "GET", $"/payments/{A}", HttpStatusCode.OK },
        { "finance", "GET", $"/payments/{A}", HttpStatusCode.Forbidden },
        { "operator", "GET", $"/payments/{A}", HttpStatusCode.OK },
        { "auditor", "GET", $"/payments/{Unknown}", HttpStatusCode.NotFound },

        { "client_a", "GET", $"/payments/{A}?as_of_version=2", HttpStatusCode.OK },
        { "client_b", "GET", $"/payments/{A}?as_of_version=2", HttpStatusCode.NotFound },
        { "auditor", "GET", $"/payments/{A}?as_of_version=2", HttpStatusCode.OK },
        { "finance", "GET", $"/payments/{A}?as_of_version=2", HttpStatusCode.Forbidden },

        { "client_a", "GET", $"/payments/{A}/events", HttpStatusCode.OK },
        { "client_b", "GET", $"/payments/{A}/events", HttpStatusCode.NotFound },
        { "auditor", "GET", $"/payments/{A}/events", HttpStatusCode.OK },
        { "client+auditor", "GET", $"/payments/{A}/events", HttpStatusCode.OK },
        { "finance", "GET", $"/payments/{A}/events", HttpStatusCode.Forbidden },
        { "operator", "GET", $"/payments/{A}/events", HttpStatusCode.OK },
        { "auditor", "GET", $"/payments/{Unknown}/events", HttpStatusCode.NotFound },

        { "client_a", "GET", $"/payments/{A}/deliveries", HttpStatusCode.OK },
        { "client_b", "GET", $"/payments/{A}/deliveries", HttpStatusCode.NotFound },
        { "auditor", "GET", $"/payments/{A}/deliveries", HttpStatusCode.OK },
        { "finance", "GET", $"/payments/{A}/deliveries", HttpStatusCode.Forbidden },
        { "operator", "GET", $"/payments/{A}/deliveries", HttpStatusCode.OK },

        { "client_a", "GET", "/webhook-endpoints", HttpStatusCode.OK },
        { "client+auditor", "GET", "/webhook-endpoints", HttpStatusCode.OK },
        { "auditor", "GET", "/webhook-endpoints", HttpStatusCode.Forbidden },
        { "finance", "GET", "/webhook-endpoints", HttpStatusCode.Forbidden },
        { "operator", "GET", "/webhook-endpoints", HttpStatusCode.Forbidden },
        { "auditor", "POST", "/webhook-endpoints", HttpStatusCode.Forbidden },
        { "finance", "POST", "/webhook-deliveries/00000000-0000-0000-0000-000000000001/redeliver", HttpStatusCode.Forbidden },
        { "operator", "POST", "/webhook-deliveries/00000000-0000-0000-0000-000000000001/redeliver", HttpStatusCode.NotFound },
        { "auditor", "POST", "/webhook-deliveries/00000000-0000-0000-0000-000000000001/redeliver", HttpStatusCode.Forbidden },

        { "operator", "GET", "/operations/payments?client_id=client_a", HttpStatusCode.OK },
        { "auditor", "GET", "/operations/payments?attention=true", HttpStatusCode.OK },
        { "client_a", "GET", "/operations/payments", HttpStatusCode.Forbidden },
        { "finance", "GET", "/operations/payments", HttpStatusCode.Forbidden },
        { "operator", "GET", "/operations/parked-events", HttpStatusCode.OK },
        { "auditor", "GET", "/operations/parked-events", HttpStatusCode.Forbidden },
        { "client_a", "GET", "/operations/dead-letters/payment-jobs", HttpStatusCode.Forbidden },
        { "operator", "GET", "/operations/dead-letters/payment-jobs", HttpStatusCode.OK },
        { "operator", "GET", "/operations/dead-letters/webhooks", HttpStatusCode.OK },
        { "finance", "POST", "/operations/dead-letters/payment-jobs/nope/requeue", HttpStatusCode.Forbidden },
        { "operator", "POST", "/operations/dead-letters/payment-jobs/nope/requeue", HttpStatusCode.NotFound },
        { "operator", "POST", "/operations/parked-events/projector/1/rerun", HttpStatusCode.NotFound },
        { null!, "GET", "/operations/parked-events", HttpStatusCode.Unauthorized },

        { "client_a", "GET", "/events", HttpStatusCode.OK },
        { "auditor", "GET", "/events", HttpStatusCode.OK },
        { "finance", "GET", "/events", HttpStatusCode.OK },
        { "client+auditor", "GET", "/events", HttpStatusCode.OK },
        { "operator", "GET", "/events", HttpStatusCode.Forbidden },
        { null!, "GET", "/events", HttpStatusCode.Unauthorized },

        { "auditor", "GET", "/audit/checkpoint", HttpStatusCode.OK },
        { "client+auditor", "GET", "/audit/checkpoint", HttpStatusCode.OK },
        { "client_a", "GET", "/audit/checkpoint", HttpStatusCode.Forbidden },
        { "finance", "GET", "/audit/checkpoint", HttpStatusCode.Forbidden },
        { "operator", "GET", "/audit/checkpoint", HttpStatusCode.Forbidden },
        { "client_a", "POST", "/audit/checkpoints", HttpStatusCode.Forbidden },
        { "client_a", "GET", $"/audit/payments/{A}", HttpStatusCode.Forbidden },
        { "auditor", "GET", $"/audit/payments/{A}", HttpStatusCode.OK },
        { "auditor", "GET", $"/audit/payments/{Unknown}", HttpStatusCode.NotFound },
        { "client_a", "GET", "/audit/proofs/consistency?from=1&to=1", HttpStatusCode.Forbidden },
        { null!, "GET", "/audit/checkpoint", HttpStatusCode.Unauthorized },
    };

    [Theory]
    [MemberData(nameof(Table))]
    public async Task Each_role_gets_only_what_it_should(string? role, string method, string path, HttpStatusCode expected)
    {
        using var client = host.Client(role);
        var target = path.Replace(A, host.PaymentA.ToString(), StringComparison.Ordinal).Replace(Unknown, Guid.NewGuid().ToString(), StringComparison.Ordinal);
        using var request = method == "POST" && path == "/payments"
            ? ApiRequests.Post(ApiRequests.ValidBody, ApiRequests.NewKey())
            : new HttpRequestMessage(new HttpMethod(method), target) { Content = method == "POST" ? new StringContent("{}", System.Text.Encoding.UTF8, "application/json") : null };
        var before = host.Store.LastCommittedPosition;

        using var response = await client.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        if (expected == HttpStatusCode.Forbidden)
        {
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.EndsWith("/forbidden", (await ApiRequests.Json(response)).GetProperty("type").GetString(), StringComparison.Ordinal);
        }

        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            Assert.Equal(before, host.Store.LastCommittedPosition);
        }
    }

    [Fact]
    public async Task Auditor_reads_another_clients_payment_and_its_history_as_the_owner_does()
    {
        using var owner = host.Client("client_a");
        using var auditor = host.Client("auditor");

        var ownersView = await ApiRequests.Json(await owner.GetAsync($"/payments/{host.PaymentA}"));
        var auditorsView = await ApiRequests.Json(await auditor.GetAsync($"/payments/{host.PaymentA}"));
        var history = await ApiRequests.Json(await auditor.GetAsync($"/payments/{host.PaymentB}/events"));

        Assert.Equal(ownersView.ToString(), auditorsView.ToString());
        Assert.True(history.GetProperty("chain_intact").GetBoolean());
        Assert.Equal(host.PaymentB, history.GetProperty("payment_id").GetGuid());
    }

    [Fact]
    public async Task Client_that_is_also_an_auditor_creates_its_own_payments_and_reads_everyones()
    {
        using var acme = host.Client("client+auditor");

        using var mine = await acme.GetAsync($"/payments/{host.PaymentAcme}");
        using var theirs = await acme.GetAsync($"/payments/{host.PaymentB}");
        var list = await ApiRequests.Json(await acme.GetAsync("/payments?limit=100"));

        Assert.Equal(HttpStatusCode.OK, mine.StatusCode);
        Assert.Equal(HttpStatusCode.OK, theirs.StatusCode);
        Assert.All(list.GetProperty("items").EnumerateArray(), p => Assert.NotEqual(host.PaymentB, p.GetProperty("payment_id").GetGuid()));
    }
}
