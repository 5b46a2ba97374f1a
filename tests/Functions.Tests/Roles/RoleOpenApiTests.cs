using System.Text.Json;

namespace Payments.Functions.Tests.Roles;

/// <summary>The OpenAPI document states, for each operation, the roles it admits: in its security requirement and its description.</summary>
public sealed class RoleOpenApiTests(RoleHostFixture host) : IClassFixture<RoleHostFixture>
{
    [Theory]
    [InlineData("/payments", "post", new[] { "client" })]
    [InlineData("/payments", "get", new[] { "client" })]
    [InlineData("/payments/{id}", "get", new[] { "client", "auditor", "operator" })]
    [InlineData("/payments/{id}/events", "get", new[] { "client", "auditor", "operator" })]
    [InlineData("/payments/{id}/deliveries", "get", new[] { "client", "auditor", "operator" })]
    [InlineData("/webhook-endpoints", "get", new[] { "client" })]
    [InlineData("/webhook-endpoints/{id}", "patch", new[] { "client" })]
    [InlineData("/webhook-deliveries/{id}/redeliver", "post", new[] { "client", "operator" })]
    [InlineData("/operations/payments", "get", new[] { "auditor", "operator" })]
    [InlineData("/operations/parked-events", "get", new[] { "operator" })]
    [InlineData("/operations/dead-letters/webhooks/{messageId}/redeliver", "post", new[] { "operator" })]
    [InlineData("/events", "get", new[] { "client", "auditor", "finance" })]
    public async Task Operation_lists_the_roles_it_admits(string path, string method, string[] roles)
    {
        var operation = (await Document()).GetProperty("paths").GetProperty(path).GetProperty(method);

        var requirement = Assert.Single(operation.GetProperty("security").EnumerateArray());
        Assert.Equal(roles, requirement.GetProperty("api_key").EnumerateArray().Select(r => r.GetString()));
        Assert.Contains("Roles: " + string.Join(", ", roles.Select(r => $"`{r}`")) + ".", operation.GetProperty("description").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_secured_operation_admits_at_least_one_role_and_open_ones_none()
    {
        var paths = (await Document()).GetProperty("paths");

        foreach (var operation in paths.EnumerateObject().SelectMany(p => p.Value.EnumerateObject()))
        {
            if (operation.Value.TryGetProperty("security", out var security))
            {
                Assert.NotEmpty(security[0].GetProperty("api_key").EnumerateArray());
            }
        }

        Assert.False(paths.GetProperty("/health").GetProperty("get").TryGetProperty("security", out _));
        Assert.False(paths.GetProperty("/webhooks/event-types").GetProperty("get").TryGetProperty("security", out _));
    }

    [Fact]
    public async Task As_of_rules_are_described_on_get_payment()
    {
        var description = (await Document()).GetProperty("paths").GetProperty("/payments/{id}").GetProperty("get").GetProperty("description").GetString();

        Assert.Contains("as_of_version", description, StringComparison.Ordinal);
        Assert.Contains("404", description, StringComparison.Ordinal);
    }

    private async Task<JsonElement> Document()
    {
        using var client = host.Client(null);
        using var document = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json"));
        return document.RootElement.Clone();
    }
}
