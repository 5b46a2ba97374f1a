using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Payments.Aws.HttpApi;

namespace Payments.Functions.Lambda.Http;

/// <summary>
/// An ASP.NET Core server with no socket: each API Gateway HTTP API event becomes one request through the same
/// middleware and endpoints as the embedded host (authentication, validation, problem details), and the response
/// goes back as the payload-2.0 result.
/// </summary>
public sealed class LambdaHttpServer : IServer
{
    private Func<HttpApiRequest, CancellationToken, Task<HttpApiResponse>>? _application;

    public IFeatureCollection Features { get; } = new FeatureCollection();

    public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
        where TContext : notnull
    {
        _application = (request, ct) => Process(application, request, ct);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
    }

    public Task<HttpApiResponse> Handle(HttpApiRequest request, CancellationToken cancellationToken) =>
        (_application ?? throw new InvalidOperationException("The API host has not started."))(request, cancellationToken);

    private static async Task<HttpApiResponse> Process<TContext>(IHttpApplication<TContext> application, HttpApiRequest request, CancellationToken cancellationToken)
        where TContext : notnull
    {
        var response = new LambdaResponseFeature();
        var body = new MemoryStream();
        var features = new FeatureCollection();
        features.Set<IHttpRequestFeature>(RequestOf(request));
        features.Set<IHttpResponseFeature>(response);
        features.Set<IHttpResponseBodyFeature>(new StreamResponseBodyFeature(body));
        features.Set<IHttpRequestIdentifierFeature>(new HttpRequestIdentifierFeature { TraceIdentifier = request.RequestContext?.RequestId ?? Guid.NewGuid().ToString("N") });
        features.Set<IHttpConnectionFeature>(new HttpConnectionFeature
        {
            RemoteIpAddress = IPAddress.TryParse(request.RequestContext?.Http?.SourceIp, out var ip) ? ip : null,
        });
        features.Set<IHttpRequestLifetimeFeature>(new HttpRequestLifetimeFeature { RequestAborted = cancellationToken });

        var context = application.CreateContext(features);
        Exception? failure = null;
        try
        {
            await application.ProcessRequestAsync(context).ConfigureAwait(false);
            await response.Start().ConfigureAwait(false);
        }
        catch (Exception e)
        {
            failure = e;
            throw;
        }
        finally
        {
            await response.Complete().ConfigureAwait(false);
            application.DisposeContext(context, failure);
        }

        return ResponseOf(response, body.ToArray());
    }

    private static HttpRequestFeature RequestOf(HttpApiRequest request)
    {
        var headers = new HeaderDictionary();
        foreach (var (name, value) in request.Headers ?? new Dictionary<string, string>())
        {
            headers[name] = value;
        }

        if (request.Cookies is { Count: > 0 } cookies)
        {
            headers["Cookie"] = string.Join("; ", cookies);
        }

        var bytes = request.Body is null ? [] : request.IsBase64Encoded ? Convert.FromBase64String(request.Body) : Encoding.UTF8.GetBytes(request.Body);
        headers.ContentLength = bytes.Length;
        return new HttpRequestFeature
        {
            Method = request.RequestContext?.Http?.Method ?? HttpMethods.Get,
            Protocol = request.RequestContext?.Http?.Protocol ?? "HTTP/1.1",
            Scheme = "https",
            PathBase = "",
            Path = request.RawPath ?? request.RequestContext?.Http?.Path ?? "/",
            QueryString = string.IsNullOrEmpty(request.RawQueryString) ? "" : "?" + request.RawQueryString,
            RawTarget = (request.RawPath ?? "/") + (string.IsNullOrEmpty(request.RawQueryString) ? "" : "?" + request.RawQueryString),
            Headers = headers,
            Body = new MemoryStream(bytes, writable: false),
        };
    }

    private static HttpApiResponse ResponseOf(LambdaResponseFeature response, byte[] body)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var cookies = new List<string>();
        foreach (var (name, values) in response.Headers)
        {
            if (string.Equals(name, "Set-Cookie", StringComparison.OrdinalIgnoreCase))
            {
                cookies.AddRange(values.OfType<string>());
            }
            else
            {
                headers[name] = string.Join(",", values.OfType<string>());
            }
        }

        var text = IsText(response.Headers.ContentType.ToString());
        return new HttpApiResponse(response.StatusCode, headers, cookies, text ? Encoding.UTF8.GetString(body) : Convert.ToBase64String(body), IsBase64Encoded: !text);
    }

    private static bool IsText(string contentType) =>
        contentType.Length == 0
        || contentType.StartsWith("text/", StringComparison.OrdinalIgnoreCase)
        || contentType.Contains("json", StringComparison.OrdinalIgnoreCase);
}
