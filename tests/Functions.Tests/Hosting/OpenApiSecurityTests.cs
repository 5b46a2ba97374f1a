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

    [Fact]
    public async Task Document_lists_503_on_create_for_a_faulted_event_store_and_the_new_payment_fields()
    {
        await using var host = await TestHost.Start();

        using var document = JsonDocument.Parse(await host.Client.GetStringAsync("/openapi/v1.json"));
        var root = document.RootElement;

        Assert.True(root.GetProperty("paths").GetProperty("/payments").GetProperty("post").GetProperty("responses").TryGetProperty("503", out _));
        var payment = root.GetProperty("components").GetProperty("schemas").GetProperty("PaymentResponse").GetProperty("properties");
        Assert.All(["error_code", "reversal_tx_id", "attention"], field => Assert.True(payment.TryGetProperty(field, out _), field));
    }
}
