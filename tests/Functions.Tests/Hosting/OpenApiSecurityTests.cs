using System.Text.Json;

namespace Payments.Functions.Tests.Hosting;

public sealed class OpenApiSecurityTests
{
    [Fact]
    public async Task Document_declares_the_api_key_scheme_and_requires_it_on_payment_operations_only()
    {
        await using var host = await TestHost.Start();

        using var document = JsonDocument.Parse(await host.Client.GetStringAsync("/openapi/v1.json"));
        var root = document.RootElement;

        var scheme = root.GetProperty("components").GetProperty("securitySchemes").GetProperty("api_key");
        Assert.Equal(("http", "bearer"), (scheme.GetProperty("type").GetString(), scheme.GetProperty("scheme").GetString()));
        var create = root.GetProperty("paths").GetProperty("/payments").GetProperty("post");
        Assert.True(Assert.Single(create.GetProperty("security").EnumerateArray()).TryGetProperty("api_key", out _));
        Assert.True(create.GetProperty("responses").TryGetProperty("401", out _));
        Assert.False(root.GetProperty("paths").GetProperty("/health").GetProperty("get").TryGetProperty("security", out _));
    }
}
