using System.Net;
using Payments.Application.Webhooks.Sending;

namespace Payments.Functions.Tests.Webhooks;

/// <summary>
/// The system's DNS, except that <see cref="Host"/> answers a public address: endpoints can be registered without the
/// insecure flag and without a lookup leaving the machine. Nothing is ever sent to it (the sender does not run here).
/// </summary>
internal sealed class PublicHostResolver : IWebhookHostResolver
{
    public const string Host = "hooks.receiver.example";

    private readonly DnsHostResolver _dns = new();

    public static string Url(string path = "/hook") => $"https://{Host}{path}";

    public Task<IPAddress[]> Resolve(string host, CancellationToken cancellationToken) =>
        string.Equals(host, Host, StringComparison.OrdinalIgnoreCase)
            ? Task.FromResult(new[] { IPAddress.Parse("93.184.215.14") })
            : _dns.Resolve(host, cancellationToken);
}
