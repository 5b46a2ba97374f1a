using System.Net;
using System.Text.Json;
using Payments.Application.Webhooks;

namespace Payments.Functions.Tests.Webhooks;

/// <summary>The event catalogue and the OpenAPI document tell a receiver every type and the exact shape of its payload.</summary>
public sealed class WebhookCatalogueTests(WebhookApiFixture host) : IClassFixture<WebhookApiFixture>
{
    [Fact]
    public async Task Event_types_are_public_and_list_the_catalogue_each_with_its_json_schema()
    {
        using var anonymous = host.Client(apiKey: null);

        using var response = await anonymous.GetAsync(new Uri("/webhooks/event-types", UriKind.Relative));
        var items = (await WebhookApiFixture.Read(response)).GetProperty("items").EnumerateArray().ToList();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(WebhookEventTypes.Catalogue.Select(t => (t.Type, t.Description)), items.Select(i => (i.GetProperty("type").GetString()!, i.GetProperty("description").GetString()!)));
        foreach (var item in items)
        {
            var schema = item.GetProperty("schema");
            Assert.Equal("https://json-schema.org/draft/2020-12/schema", schema.GetProperty("$schema").GetString());
            Assert.Equal(item.GetProperty("type").GetString(), schema.GetProperty("properties").GetProperty("type").GetProperty("const").GetString());
            Assert.True(schema.GetProperty("properties").TryGetProperty("data", out _));
        }

        var completed = items.Single(i => i.GetProperty("type").GetString() == WebhookEventTypes.PaymentCompleted).GetProperty("schema");
        var data = completed.GetProperty("properties").GetProperty("data").GetProperty("properties");
        Assert.All(["payment_id", "status", "amount", "sequence", "error_code"], field => Assert.True(data.TryGetProperty(field, out _), field));
    }

    [Fact]
    public async Task OpenApi_document_has_a_webhook_per_catalogue_type_with_its_schema_and_signature_headers()
    {
        using var anonymous = host.Client(apiKey: null);

        using var document = JsonDocument.Parse(await anonymous.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        var root = document.RootElement;

        Assert.StartsWith("3.1", root.GetProperty("openapi").GetString(), StringComparison.Ordinal);
        var webhooks = root.GetProperty("webhooks");
        Assert.Equal(WebhookEventTypes.Catalogue.Select(t => t.Type), webhooks.EnumerateObject().Select(w => w.Name));
        foreach (var webhook in webhooks.EnumerateObject())
        {
            var post = webhook.Value.GetProperty("post");
            Assert.Equal(["webhook-id", "webhook-timestamp", "webhook-signature"], post.GetProperty("parameters").EnumerateArray().Select(p => p.GetProperty("name").GetString()));
            Assert.All(post.GetProperty("parameters").EnumerateArray(), p => Assert.Equal("header", p.GetProperty("in").GetString()));
            var schema = post.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema");
            Assert.Equal(webhook.Name, schema.GetProperty("properties").GetProperty("type").GetProperty("const").GetString());
            Assert.True(post.GetProperty("responses").TryGetProperty("2XX", out _));
        }

        var data = webhooks.GetProperty(WebhookEventTypes.PaymentFailed).GetProperty("post").GetProperty("requestBody").GetProperty("content")
            .GetProperty("application/json").GetProperty("schema").GetProperty("properties").GetProperty("data").GetProperty("properties");
        Assert.True(data.TryGetProperty("sequence", out _));
    }

    [Fact]
    public async Task OpenApi_document_describes_the_webhook_routes_behind_the_api_key()
    {
        using var anonymous = host.Client(apiKey: null);

        using var document = JsonDocument.Parse(await anonymous.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        var paths = document.RootElement.GetProperty("paths");

        (string Path, string Method)[] secured =
        [
            ("/webhook-endpoints", "post"), ("/webhook-endpoints", "get"), ("/webhook-endpoints/{id}", "get"), ("/webhook-endpoints/{id}", "patch"),
            ("/webhook-endpoints/{id}", "delete"), ("/webhook-endpoints/{id}/rotate-secret", "post"), ("/webhook-endpoints/{id}/attempts", "get"),
            ("/webhook-endpoints/{id}/recover", "post"), ("/webhook-deliveries/{id}/redeliver", "post"), ("/payments/{id}/deliveries", "get"),
        ];
        foreach (var (path, method) in secured)
        {
            var operation = paths.GetProperty(path).GetProperty(method);
            Assert.True(operation.TryGetProperty("security", out _), $"{method} {path}");
            Assert.True(operation.TryGetProperty("summary", out _), $"{method} {path}");
        }

        var create = paths.GetProperty("/webhook-endpoints").GetProperty("post");
        Assert.All(["201", "400", "401", "413", "415"], status => Assert.True(create.GetProperty("responses").TryGetProperty(status, out _), status));
        Assert.Equal(["url", "event_types", "description"], RequestMembers(create));
        Assert.Equal(["url", "event_types", "description", "enabled"], RequestMembers(paths.GetProperty("/webhook-endpoints/{id}").GetProperty("patch")));
        Assert.Equal(["since", "until"], RequestMembers(paths.GetProperty("/webhook-endpoints/{id}/recover").GetProperty("post")));
        Assert.Equal(["amount", "currency", "source_account", "destination_account"], RequestMembers(paths.GetProperty("/payments").GetProperty("post")));
        Assert.False(paths.GetProperty("/webhooks/event-types").GetProperty("get").TryGetProperty("security", out _));
    }

    private static IEnumerable<string> RequestMembers(JsonElement operation) =>
        operation.GetProperty("requestBody").GetProperty("content").GetProperty("application/json").GetProperty("schema")
            .GetProperty("properties").EnumerateObject().Select(p => p.Name);
}
