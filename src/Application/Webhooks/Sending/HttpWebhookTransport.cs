using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text;

namespace Payments.Application.Webhooks.Sending;

/// <summary>
/// POSTs webhooks over HTTP. The connection is opened by our own callback, which resolves the host and connects only
/// to an address the <see cref="WebhookAddressPolicy"/> allows, so a name that resolved to a public address at
/// registration and to 127.0.0.1 now is refused before a byte leaves. No redirects are followed (a 3xx is an
/// answer, and a failure), no proxy is used, no cookies are kept; every request has the options' timeout.
/// </summary>
public sealed class HttpWebhookTransport : IWebhookTransport, IDisposable
{
    private const string ContentType = "application/json";
    private readonly HttpClient _client;
    private readonly TimeProvider _time;
    private readonly TimeSpan _timeout;

    public HttpWebhookTransport(WebhookAddressPolicy policy, WebhookOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(options);
        _time = time;
        _timeout = options.Timeout;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            ConnectTimeout = options.Timeout,
            ConnectCallback = (context, cancellationToken) => Connect(policy, context, cancellationToken),
        };
        _client = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
        _client.DefaultRequestHeaders.UserAgent.ParseAdd("payments-webhooks/1");
    }

    public async Task<WebhookResponse> Post(WebhookRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var message = new HttpRequestMessage(HttpMethod.Post, request.Url)
        {
            Content = new StringContent(request.Body, Encoding.UTF8, new MediaTypeHeaderValue(ContentType)),
        };
        message.Headers.Add("webhook-id", request.MessageId);
        message.Headers.Add("webhook-timestamp", WebhookSignature.Timestamp(request.Timestamp));
        message.Headers.Add("webhook-signature", request.Signature);

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_timeout);
        var started = _time.GetTimestamp();
        try
        {
            using var response = await _client.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            var error = response.IsSuccessStatusCode ? null : $"HTTP {status}";
            return new WebhookResponse(status, _time.GetElapsedTime(started), error, RetryAfter(response.Headers.RetryAfter));
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookResponse(null, _time.GetElapsedTime(started), $"timed out after {_timeout.TotalSeconds:0.#} s", null);
        }
        catch (HttpRequestException e) when (e.InnerException is WebhookAddressRefusedException refused)
        {
            return new WebhookResponse(null, _time.GetElapsedTime(started), "refused: " + refused.Message, null);
        }
        catch (HttpRequestException e)
        {
            return new WebhookResponse(null, _time.GetElapsedTime(started), e.HttpRequestError + ": " + e.Message, null);
        }
    }

    public void Dispose() => _client.Dispose();

    private TimeSpan? RetryAfter(RetryConditionHeaderValue? header) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - _time.GetUtcNow() is { } wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };

    private static async ValueTask<Stream> Connect(WebhookAddressPolicy policy, SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var addresses = await policy.AllowedAddresses(context.DnsEndPoint.Host, cancellationToken).ConfigureAwait(false);
        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken).ConfigureAwait(false);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
