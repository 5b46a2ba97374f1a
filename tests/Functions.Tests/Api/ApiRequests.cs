using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Payments.Functions.Tests.Api;

/// <summary>Builds raw HTTP requests, so malformed input reaches the server exactly as written.</summary>
internal static class ApiRequests
{
    public const string ValidBody = """{"amount":"125.50","currency":"EUR","source_account":"DE89370400440532013000","destination_account":"MX-CLABE-032180000118359719"}""";

    public static HttpRequestMessage Post(string body, string? key, string contentType = "application/json")
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/payments") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        if (key is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        }

        // As curl does for large uploads: the server refuses an oversized body from its Content-Length before it is
        // sent, instead of racing the upload (a refusal mid-upload can reach the client as a reset connection).
        request.Headers.ExpectContinue = body.Length > 16 * 1024;
        return request;
    }

    public static string NewKey() => "key-" + Guid.NewGuid().ToString("N");

    public static async Task<JsonElement> Json(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return document.RootElement.Clone();
    }
}
