using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Payments.Functions.Lambda.Runtime;

/// <summary>
/// The Lambda Runtime API (custom runtime protocol, version 2018-06-01) over plain HTTP: the
/// Amazon.Lambda.RuntimeSupport package is not available here, and the protocol is four calls.
/// </summary>
public sealed class LambdaRuntimeClient(HttpClient http)
{
    private const string Version = "2018-06-01";

    /// <summary>Endpoint from AWS_LAMBDA_RUNTIME_API (host:port). Next() long-polls, so the client never times out by itself.</summary>
    public static HttpClient CreateHttpClient(string runtimeApi) =>
        new() { BaseAddress = new Uri($"http://{runtimeApi}/{Version}/"), Timeout = Timeout.InfiniteTimeSpan };

    public async Task<LambdaInvocation> Next(CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync("runtime/invocation/next", cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
        var requestId = Header(response, "Lambda-Runtime-Aws-Request-Id")
            ?? throw new InvalidOperationException("The Runtime API sent an invocation without Lambda-Runtime-Aws-Request-Id.");
        var deadline = long.TryParse(Header(response, "Lambda-Runtime-Deadline-Ms"), NumberStyles.None, CultureInfo.InvariantCulture, out var ms)
            ? DateTimeOffset.FromUnixTimeMilliseconds(ms)
            : DateTimeOffset.MaxValue;
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return new LambdaInvocation(requestId, deadline, body, Header(response, "Lambda-Runtime-Trace-Id"));
    }

    public Task Respond(string requestId, string responseJson, CancellationToken cancellationToken) =>
        Post($"runtime/invocation/{Uri.EscapeDataString(requestId)}/response", responseJson, cancellationToken);

    public Task ReportInvocationError(string requestId, Exception error, CancellationToken cancellationToken) =>
        Post($"runtime/invocation/{Uri.EscapeDataString(requestId)}/error", ErrorJson(error), cancellationToken, error);

    public Task ReportInitError(Exception error, CancellationToken cancellationToken) =>
        Post("runtime/init/error", ErrorJson(error), cancellationToken, error);

    private async Task Post(string path, string json, CancellationToken cancellationToken, Exception? error = null)
    {
        using var content = new StringContent(json, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = content };
        if (error is not null)
        {
            request.Headers.Add("Lambda-Runtime-Function-Error-Type", "Unhandled");
        }

        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }

    private static string ErrorJson(Exception error) =>
        JsonSerializer.Serialize(new LambdaErrorResponse(error.Message, error.GetType().Name), LambdaRuntimeJsonContext.Default.LambdaErrorResponse);

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
