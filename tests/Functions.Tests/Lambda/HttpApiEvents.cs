using System.Text;
using System.Text.Json;
using Payments.Aws.HttpApi;

namespace Payments.Functions.Tests.Lambda;

/// <summary>HTTP API payload 2.0 events as API Gateway hands them to the api function.</summary>
internal static class HttpApiEvents
{
    public static string Json(string method, string path, IReadOnlyDictionary<string, string> headers, string? body, string? rawQuery = null) =>
        JsonSerializer.Serialize(
            new HttpApiRequest(
                "2.0", "$default", path, rawQuery ?? "", null, headers, null, null, null,
                new HttpApiRequestContext("123456789012", "api", "api.example", Guid.NewGuid().ToString("N"), "$default", new HttpApiHttp(method, path, "HTTP/1.1", "127.0.0.1", "test"), 0),
                body is null ? null : Convert.ToBase64String(Encoding.UTF8.GetBytes(body)),
                IsBase64Encoded: body is not null),
            HttpApiJsonContext.Default.HttpApiRequest);
}
