using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Payments.Application.Webhooks.Sending;

namespace Payments.Application.Tests.Webhooks;

/// <summary>A DNS table the test rewrites at will (a name that resolves elsewhere after registration: DNS rebinding).</summary>
internal sealed class ScriptedResolver : IWebhookHostResolver
{
    private readonly ConcurrentDictionary<string, IPAddress[]> _table = new(StringComparer.OrdinalIgnoreCase);

    public ScriptedResolver Map(string host, params string[] addresses)
    {
        _table[host] = [.. addresses.Select(IPAddress.Parse)];
        return this;
    }

    public Task<IPAddress[]> Resolve(string host, CancellationToken cancellationToken) =>
        _table.TryGetValue(host, out var addresses)
            ? Task.FromResult(addresses)
            : Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound));
}
