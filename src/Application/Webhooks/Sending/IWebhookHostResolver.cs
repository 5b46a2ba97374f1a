using System.Net;

namespace Payments.Application.Webhooks.Sending;

/// <summary>Name resolution for endpoint hosts: the system's DNS in production, a scripted table in tests (DNS rebinding).</summary>
public interface IWebhookHostResolver
{
    Task<IPAddress[]> Resolve(string host, CancellationToken cancellationToken);
}
