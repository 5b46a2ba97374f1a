using System.Net;
using System.Text;
using System.Text.Json;

namespace Payments.Functions.Tests.Webhooks;

/// <summary>Registering, reading, changing, rotating and deleting webhook endpoints over HTTP, against the real host.</summary>
public sealed class WebhookEndpointApiTests(WebhookApiFixture host) : IClassFixture<WebhookApiFixture>
{
    private static readonly string[] EndpointMembers =
    [
        "id", "url", "event_types", "description", "enabled", "disabled_reason", "disabled_at", "failing_since",
        "previous_secret_expires_at", "created_at", "updated_at",
    ];

    [Fact]
    public async Task Create_answers_201_with_its_location_the_endpoint_and_a_whsec_secret()
    {
        using var http = host.Client();

        using var response = await http.PostAsync(
            new Uri("/webhook-endpoints", UriKind.Relative),
            WebhookApiFixture.Json("""{"url":"https://hooks.receiver.example/orders","event_types":["payment.completed","payment.failed"],"description":"orders"}"""));
        var body = await WebhookApiFixture.Read(response);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var id = body.GetProperty("id").GetString()!;
        Assert.StartsWith("ep_", id, StringComparison.Ordinal);
        Assert.Equal($"/webhook-endpoints/{id}", response.Headers.Location!.OriginalString);
        Assert.Equal([.. EndpointMembers, "secret"], body.EnumerateObject().Select(p => p.Name));
        Assert.Equal("https://hooks.receiver.example/orders", body.GetProperty("url").GetString());
        Assert.Equal(["payment.completed", "payment.failed"], body.GetProperty("event_types").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal("orders", body.GetProperty("description").GetString());
        Assert.True(body.GetProperty("enabled").GetBoolean());
        Assert.Equal(JsonValueKind.Null, body.GetProperty("disabled_reason").ValueKind);
        var secret = body.GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.True(Convert.FromBase64String(secret["whsec_".Length..]).Length >= 24);
    }

    [Fact]
    public async Task The_secret_is_in_no_answer_but_the_creation()
    {
        var created = await host.CreateEndpoint();
        var id = created.GetProperty("id").GetString()!;
        var secret = created.GetProperty("secret").GetString()!;
        using var http = host.Client();

        using var one = await http.GetAsync(new Uri($"/webhook-endpoints/{id}", UriKind.Relative));
        using var list = await http.GetAsync(new Uri("/webhook-endpoints", UriKind.Relative));
        using var patched = await http.PatchAsync(new Uri($"/webhook-endpoints/{id}", UriKind.Relative), WebhookApiFixture.Json("""{"description":"renamed"}"""));

        foreach (var response in new[] { one, list, patched })
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var text = await response.Content.ReadAsStringAsync();
            Assert.DoesNotContain(secret["whsec_".Length..], text, StringComparison.Ordinal);
            Assert.DoesNotContain("secret\"", text.Replace("previous_secret_expires_at\"", "", StringComparison.Ordinal), StringComparison.Ordinal);
        }

        Assert.Equal(EndpointMembers, (await WebhookApiFixture.Read(one)).EnumerateObject().Select(p => p.Name));
    }

    [Fact]
    public async Task No_file_in_the_data_directory_holds_a_secret_in_clear()
    {
        var created = await host.CreateEndpoint();
        using var http = host.Client();
        using var rotated = await http.PostAsync(new Uri($"/webhook-endpoints/{created.GetProperty("id").GetString()}/rotate-secret", UriKind.Relative), null);
        var secrets = new[] { created.GetProperty("secret").GetString()!, (await WebhookApiFixture.Read(rotated)).GetProperty("secret").GetString()! };

        var files = Directory.GetFiles(host.DataDirectory, "*", SearchOption.AllDirectories);
        Assert.NotEmpty(files);
        foreach (var file in files)
        {
            var bytes = await ReadShared(file);
            foreach (var secret in secrets)
            {
                // The key alone (without whsec_) and the raw key bytes must not be there either.
                Assert.Equal(-1, bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(secret["whsec_".Length..])));
                Assert.Equal(-1, bytes.AsSpan().IndexOf(Convert.FromBase64String(secret["whsec_".Length..])));
            }
        }
    }

    [Fact]
    public async Task Rotation_answers_a_new_secret_and_keeps_the_previous_one_signing_for_24_hours()
    {
        var created = await host.CreateEndpoint();
        var id = created.GetProperty("id").GetString()!;
        using var http = host.Client();

        using var response = await http.PostAsync(new Uri($"/webhook-endpoints/{id}/rotate-secret", UriKind.Relative), null);
        var body = await WebhookApiFixture.Read(response);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var secret = body.GetProperty("secret").GetString()!;
        Assert.StartsWith("whsec_", secret, StringComparison.Ordinal);
        Assert.NotEqual(created.GetProperty("secret").GetString(), secret);
        var expires = body.GetProperty("previous_secret_expires_at").GetDateTimeOffset();
        Assert.InRange(expires - DateTimeOffset.UtcNow, TimeSpan.FromHours(24) - TimeSpan.FromMinutes(1), TimeSpan.FromHours(24));
        using var read = await http.GetAsync(new Uri($"/webhook-endpoints/{id}", UriKind.Relative));
        var stored = await WebhookApiFixture.Read(read);
        Assert.Equal(expires, stored.GetProperty("previous_secret_expires_at").GetDateTimeOffset());
        Assert.False(stored.TryGetProperty("secret", out _));
    }

    [Fact]
    public async Task Patch_changes_only_the_members_sent()
    {
        var created = await host.CreateEndpoint(body: """{"url":"https://hooks.receiver.example/a","event_types":["payment.failed"],"description":"first"}""");
        var id = created.GetProperty("id").GetString()!;

        var renamed = await Patch(id, """{"description":"second"}""");
        var retyped = await Patch(id, """{"event_types":[]}""");
        var cleared = await Patch(id, """{"description":null}""");
        var moved = await Patch(id, """{"url":"https://hooks.receiver.example/b"}""");

        Assert.Equal(("https://hooks.receiver.example/a", "second"), (renamed.GetProperty("url").GetString(), renamed.GetProperty("description").GetString()));
        Assert.Equal(["payment.failed"], renamed.GetProperty("event_types").EnumerateArray().Select(t => t.GetString()));
        Assert.Empty(retyped.GetProperty("event_types").EnumerateArray());
        Assert.Equal("second", retyped.GetProperty("description").GetString());
        Assert.Equal(JsonValueKind.Null, cleared.GetProperty("description").ValueKind);
        Assert.Equal("https://hooks.receiver.example/b", moved.GetProperty("url").GetString());
        Assert.Equal(JsonValueKind.Null, moved.GetProperty("description").ValueKind);
        Assert.True(moved.GetProperty("updated_at").GetDateTimeOffset() >= created.GetProperty("updated_at").GetDateTimeOffset());
    }

    [Fact]
    public async Task Disabling_records_the_client_as_reason_and_enabling_clears_it()
    {
        var id = (await host.CreateEndpoint()).GetProperty("id").GetString()!;

        var disabled = await Patch(id, """{"enabled":false}""");
        var enabled = await Patch(id, """{"enabled":true}""");

        Assert.False(disabled.GetProperty("enabled").GetBoolean());
        Assert.Equal("client", disabled.GetProperty("disabled_reason").GetString());
        Assert.Equal(JsonValueKind.String, disabled.GetProperty("disabled_at").ValueKind);
        Assert.True(enabled.GetProperty("enabled").GetBoolean());
        Assert.Equal(JsonValueKind.Null, enabled.GetProperty("disabled_reason").ValueKind);
        Assert.Equal(JsonValueKind.Null, enabled.GetProperty("disabled_at").ValueKind);
    }

    [Theory]
    [InlineData("""{"url":null}""", "url")]
    [InlineData("""{"enabled":null}""", "enabled")]
    [InlineData("""{"event_types":null}""", "event_types")]
    public async Task Patch_with_an_explicit_null_that_cannot_mean_a_value_is_400_and_changes_nothing(string body, string field)
    {
        var created = await host.CreateEndpoint();
        var id = created.GetProperty("id").GetString()!;
        using var http = host.Client();

        using var response = await http.PatchAsync(new Uri($"/webhook-endpoints/{id}", UriKind.Relative), WebhookApiFixture.Json(body));

        await AssertFieldError(response, HttpStatusCode.BadRequest, field, "null_not_allowed");
        using var read = await http.GetAsync(new Uri($"/webhook-endpoints/{id}", UriKind.Relative));
        Assert.Equal(created.GetProperty("updated_at").GetDateTimeOffset(), (await WebhookApiFixture.Read(read)).GetProperty("updated_at").GetDateTimeOffset());
    }

    [Fact]
    public async Task Delete_answers_204_and_the_endpoint_is_gone_from_every_read()
    {
        var id = (await host.CreateEndpoint()).GetProperty("id").GetString()!;
        using var http = host.Client();

        using var deleted = await http.DeleteAsync(new Uri($"/webhook-endpoints/{id}", UriKind.Relative));
        using var again = await http.DeleteAsync(new Uri($"/webhook-endpoints/{id}", UriKind.Relative));
        using var read = await http.GetAsync(new Uri($"/webhook-endpoints/{id}", UriKind.Relative));
        var list = await WebhookApiFixture.Read(await http.GetAsync(new Uri("/webhook-endpoints", UriKind.Relative)));

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.DoesNotContain(id, list.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetString()));
    }

    [Fact]
    public async Task List_holds_the_clients_endpoints_oldest_first()
    {
        var first = (await host.CreateEndpoint()).GetProperty("id").GetString()!;
        var second = (await host.CreateEndpoint()).GetProperty("id").GetString()!;
        using var http = host.Client();

        var list = await WebhookApiFixture.Read(await http.GetAsync(new Uri("/webhook-endpoints", UriKind.Relative)));

        var ids = list.GetProperty("items").EnumerateArray().Select(e => e.GetProperty("id").GetString()).ToList();
        Assert.True(ids.IndexOf(first) >= 0 && ids.IndexOf(first) < ids.IndexOf(second), string.Join(", ", ids));
    }

    /// <summary>Body, then the field and stable code of the 400.</summary>
    public static TheoryData<string, string, string> InvalidBodies() => new()
    {
        { """{"url":"http://hooks.receiver.example/hook"}""", "url", "url_invalid" },
        { """{}""", "url", "url_invalid" },
        { """{"url":"hooks.receiver.example/hook"}""", "url", "url_invalid" },
        { """{"url":"https://user:pw@hooks.receiver.example/hook"}""", "url", "url_invalid" },
        { """{"url":"https://hooks.receiver.example/hook","event_types":["payment.done"]}""", "event_types", "unknown_event_type" },
        { """{"url":"https://hooks.receiver.example/hook","description":"a\u0007b"}""", "description", "description_invalid" },
        { $$"""{"url":"https://hooks.receiver.example/hook","description":"{{new string('d', 257)}}"}""", "description", "description_invalid" },
        { """{"url":"https://hooks.receiver.example/hook","url":"https://10.0.0.1/"}""", "url", "duplicate_member" },
        { """{"url":"https://hooks.receiver.example/hook","\u0075rl":"https://10.0.0.1/"}""", "url", "duplicate_member" },
        { """{"url":"https://hooks.receiver.example/hook","secret":"whsec_mine"}""", "secret", "unknown_member" },
        { """{"url":42}""", "url", "wrong_type" },
        { """{"url":"https://hooks.receiver.example/hook","event_types":"payment.failed"}""", "event_types", "wrong_type" },
        { """{"url":"https://hooks.receiver.example/hook" """, "body", "malformed" },
        { """["https://hooks.receiver.example/hook"]""", "body", "not_an_object" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Create_with_an_invalid_body_is_400_naming_the_field(string body, string field, string code)
    {
        using var http = host.Client();

        using var response = await http.PostAsync(new Uri("/webhook-endpoints", UriKind.Relative), WebhookApiFixture.Json(body));

        await AssertFieldError(response, HttpStatusCode.BadRequest, field, code);
    }

    [Fact]
    public async Task Create_with_a_body_over_16_KiB_is_413_and_with_another_content_type_415()
    {
        using var http = host.Client();
        var huge = $$"""{"url":"https://hooks.receiver.example/hook","description":"{{new string('d', 17 * 1024)}}"}""";

        using var tooLarge = await http.PostAsync(new Uri("/webhook-endpoints", UriKind.Relative), WebhookApiFixture.Json(huge));
        using var text = await http.PostAsync(new Uri("/webhook-endpoints", UriKind.Relative), new StringContent("""{"url":"https://hooks.receiver.example/hook"}""", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
        Assert.Equal("application/problem+json", text.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task The_21st_endpoint_of_a_client_is_refused()
    {
        for (var i = 0; i < 20; i++)
        {
            await host.CreateEndpoint(WebhookApiFixture.KeyFull, $$"""{"url":"https://hooks.receiver.example/{{i}}"}""");
        }

        using var http = host.Client(WebhookApiFixture.KeyFull);
        using var response = await http.PostAsync(new Uri("/webhook-endpoints", UriKind.Relative), WebhookApiFixture.Json("""{"url":"https://hooks.receiver.example/21"}"""));

        await AssertFieldError(response, HttpStatusCode.BadRequest, "url", "too_many_endpoints");
    }

    [Fact]
    public async Task Every_route_but_the_catalogue_needs_an_api_key()
    {
        using var anonymous = host.Client(apiKey: null);

        using var list = await anonymous.GetAsync(new Uri("/webhook-endpoints", UriKind.Relative));
        using var create = await anonymous.PostAsync(new Uri("/webhook-endpoints", UriKind.Relative), WebhookApiFixture.Json("""{"url":"https://hooks.receiver.example/hook"}"""));
        using var redeliver = await anonymous.PostAsync(new Uri("/webhook-deliveries/dlv_x/redeliver", UriKind.Relative), null);
        using var catalogue = await anonymous.GetAsync(new Uri("/webhooks/event-types", UriKind.Relative));

        Assert.Equal(
            [HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.Unauthorized, HttpStatusCode.OK],
            new[] { list, create, redeliver, catalogue }.Select(r => r.StatusCode));
    }

    internal static async Task AssertFieldError(HttpResponseMessage response, HttpStatusCode status, string field, string code)
    {
        var body = await WebhookApiFixture.Read(response);
        Assert.True(response.StatusCode == status, $"{response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(body.GetProperty("errors").EnumerateArray(), e => e.GetProperty("field").GetString() == field && e.GetProperty("code").GetString() == code);
    }

    private async Task<JsonElement> Patch(string id, string body)
    {
        using var http = host.Client();
        using var response = await http.PatchAsync(new Uri($"/webhook-endpoints/{id}", UriKind.Relative), WebhookApiFixture.Json(body));
        var answer = await WebhookApiFixture.Read(response);
        Assert.True(response.StatusCode == HttpStatusCode.OK, answer.ToString());
        return answer;
    }

    /// <summary>SQLite keeps its files open; read them the way another process could while it runs.</summary>
    private static async Task<byte[]> ReadShared(string path)
    {
        await using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        await stream.CopyToAsync(copy);
        return copy.ToArray();
    }
}
