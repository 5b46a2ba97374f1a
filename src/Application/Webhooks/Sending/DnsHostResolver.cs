using System.Net;

namespace Payments.Application.Webhooks.Sending;

public sealed class DnsHostResolver : IWebhookHostResolver
{
    public Task<IPAddress[]> Resolve(string host, CancellationToken cancellationToken) => Dns.GetHostAddressesAsync(host, cancellationToken);
}
