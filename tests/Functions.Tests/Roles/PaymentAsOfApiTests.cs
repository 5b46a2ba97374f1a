using System.Net;
using System.Text.Json;
using Payments.Functions.Tests.Api;

namespace Payments.Functions.Tests.Roles;

/// <summary>
/// GET /payments/{id}?as_of_version=N | ?as_of=T: the state folded up to a version or a recorded time. client_a's payment
/// was requested at Start (v1), started a minute later (v2) and its on-ramp completed a minute after that (v3).
/// </summary>
public sealed class PaymentAsOfApiTests(RoleHostFixture host) : IClassFixture<RoleHostFixture>
{
    [Theory]
    [InlineData(1, "PENDING")]
    [InlineData(2, "PROCESSING")]
    [InlineData(3, "PROCESSING")]
    public async Task As_of_version_is_the_state_after_that_version(int version, string status)
    {
        var payment = await Get("client_a", $"?as_of_version={version}", HttpStatusCode.OK);

        Assert.Equal(version, payment.GetProperty("version").GetInt64());
        Assert.Equal(status, payment.GetProperty("status").GetString());
        Assert.Equal(version == 3, payment.GetProperty("on_ramp_tx_id").ValueKind == JsonValueKind.String);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(59, 1)]
    [InlineData(60, 2)]
    [InlineData(90, 2)]
    [InlineData(120, 3)]
    [InlineData(86_400, 3)]
    public async Task As_of_a_time_is_the_state_recorded_by_then(int secondsAfterStart, long version)
    {
        var at = host.Start.AddSeconds(secondsAfterStart).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);

        var payment = await Get("client_a", $"?as_of={at}", HttpStatusCode.OK);

        Assert.Equal(version, payment.GetProperty("version").GetInt64());
    }

    [Theory]
    [InlineData("2026-01-15T10:01:30%2B01:00")]
    [InlineData("2026-01-15t09:01:30z")]
    [InlineData("2026-01-15T09:01:30.123456789Z")]
    [InlineData("2026-01-15T04:01:30-05:00")]
    public async Task As_of_accepts_any_rfc_3339_form(string at)
    {
        var payment = await Get("client_a", $"?as_of={at}", HttpStatusCode.OK);

        Assert.Equal(2, payment.GetProperty("version").GetInt64());
    }

    [Fact]
    public async Task Auditor_reads_another_clients_payment_as_of_a_version()
    {
        var payment = await Get("auditor", "?as_of_version=2", HttpStatusCode.OK);

        Assert.Equal("PROCESSING", payment.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Before_the_payment_existed_is_404_not_found_at_point()
    {
        var problem = await Get("client_a", $"?as_of={host.Start.AddTicks(-10):O}".Replace("+", "%2B", StringComparison.Ordinal), HttpStatusCode.NotFound);

        Assert.EndsWith("/not-found-at-point", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Version_not_recorded_yet_is_404_naming_how_many_there_are()
    {
        var problem = await Get("client_a", "?as_of_version=4", HttpStatusCode.NotFound);

        Assert.EndsWith("/not-found-at-point", problem.GetProperty("type").GetString(), StringComparison.Ordinal);
        Assert.Contains("3 version", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("?as_of_version=0", "as_of_version")]
    [InlineData("?as_of_version=-1", "as_of_version")]
    [InlineData("?as_of_version=1.5", "as_of_version")]
    [InlineData("?as_of_version=two", "as_of_version")]
    [InlineData("?as_of_version=", "as_of_version")]
    [InlineData("?as_of=yesterday", "as_of")]
    [InlineData("?as_of=2026-01-15", "as_of")]
    [InlineData("?as_of=2026-01-15T09:00:00", "as_of")]
    [InlineData("?as_of=2026-13-15T09:00:00Z", "as_of")]
    [InlineData("?as_of=2026-01-15T10:00:00+01:00", "as_of")]
    [InlineData("?as_of=2026-01-15T09:00:00Z&as_of_version=1", "as_of")]
    public async Task Malformed_or_conflicting_point_is_400_naming_the_parameter(string query, string field)
    {
        var problem = await Get("client_a", query, HttpStatusCode.BadRequest);

        Assert.Equal(field, problem.GetProperty("errors")[0].GetProperty("field").GetString());
    }

    [Fact]
    public async Task Another_clients_payment_stays_404_at_any_point()
    {
        using var client = host.Client("client_b");

        using var response = await client.GetAsync($"/payments/{host.PaymentA}?as_of_version=1");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.EndsWith("/not-found", (await ApiRequests.Json(response)).GetProperty("type").GetString(), StringComparison.Ordinal);
    }

    private async Task<JsonElement> Get(string role, string query, HttpStatusCode expected)
    {
        using var client = host.Client(role);
        using var response = await client.GetAsync($"/payments/{host.PaymentA}{query}");
        var body = await ApiRequests.Json(response);
        Assert.True(response.StatusCode == expected, $"{response.StatusCode}: {body}");
        return body;
    }
}
