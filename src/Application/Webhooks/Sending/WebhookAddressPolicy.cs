using System.Net;
using System.Net.Sockets;

namespace Payments.Application.Webhooks.Sending;

/// <summary>
/// Where webhooks may go. A URL must be absolute https without credentials; its host must resolve only to public
/// unicast addresses: loopback, private, shared (CGNAT), link-local (and so the 169.254.169.254 metadata service),
/// multicast, unspecified, reserved and IPv6 unique-local addresses are refused, IPv4-mapped IPv6 judged as IPv4.
/// The check runs at registration and again on every send, on the address actually connected to (DNS rebinding).
/// With <c>allowInsecure</c> (local development) every address is allowed, and http too, to a loopback host only.
/// </summary>
public sealed class WebhookAddressPolicy(IWebhookHostResolver resolver, bool allowInsecure)
{
    public const int MaxUrlLength = 2048;

    public bool AllowInsecure => allowInsecure;

    /// <summary>The URL's shape; null when acceptable, else why not.</summary>
    public string? CheckUrl(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return "url is required";
        }

        if (url.Length > MaxUrlLength || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return $"url must be an absolute URL of at most {MaxUrlLength} characters";
        }

        if (uri.Scheme != Uri.UriSchemeHttps && !(allowInsecure && uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback))
        {
            return allowInsecure ? "url must use https (http only to a loopback host)" : "url must use https";
        }

        if (uri.UserInfo.Length > 0)
        {
            return "url must not carry credentials";
        }

        return uri.Host.Length == 0 ? "url has no host" : null;
    }

    /// <summary>Resolves the URL's host and judges every address; null when all may be used, else why not.</summary>
    public async Task<string?> CheckHost(Uri url, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(url);
        try
        {
            var addresses = await Resolve(url.IdnHost, cancellationToken).ConfigureAwait(false);
            return addresses.Length == 0 ? $"{url.Host} does not resolve" : addresses.Select(Refusal).FirstOrDefault(r => r is not null);
        }
        catch (SocketException e)
        {
            return $"{url.Host} does not resolve ({e.SocketErrorCode})";
        }
    }

    /// <summary>The addresses a send may connect to; throws <see cref="WebhookAddressRefusedException"/> when any is refused.</summary>
    public async Task<IPAddress[]> AllowedAddresses(string host, CancellationToken cancellationToken)
    {
        var addresses = await Resolve(host, cancellationToken).ConfigureAwait(false);
        var refusal = addresses.Select(Refusal).FirstOrDefault(r => r is not null);
        if (refusal is not null || addresses.Length == 0)
        {
            throw new WebhookAddressRefusedException(refusal ?? $"{host} does not resolve");
        }

        return addresses;
    }

    /// <summary>Why <paramref name="address"/> may not receive webhooks; null when it may.</summary>
    public string? Refusal(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (allowInsecure)
        {
            return null;
        }

        var judged = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        var kind = judged.AddressFamily == AddressFamily.InterNetwork ? V4Kind(judged.GetAddressBytes()) : V6Kind(judged);
        return kind is null ? null : $"{address} is a {kind} address";
    }

    private Task<IPAddress[]> Resolve(string host, CancellationToken cancellationToken)
    {
        var bare = host.Trim('[', ']');
        // Literal addresses in any form inet_aton accepts (decimal 2130706433, octal 0177.0.0.1) are judged as such.
        return IPAddress.TryParse(bare, out var literal) ? Task.FromResult(new[] { literal }) : resolver.Resolve(bare, cancellationToken);
    }

    private static string? V4Kind(byte[] b) => (b[0], b[1]) switch
    {
        (0, _) => "unspecified",
        (10, _) => "private",
        (100, >= 64 and < 128) => "shared (CGNAT)",
        (127, _) => "loopback",
        (169, 254) => "link-local (metadata)",
        (172, >= 16 and < 32) => "private",
        (192, 0) when b[2] is 0 or 2 => "reserved",
        (192, 168) => "private",
        (198, 18 or 19) => "reserved",
        (198, 51) when b[2] == 100 => "reserved",
        (203, 0) when b[2] == 113 => "reserved",
        ( >= 224 and < 240, _) => "multicast",
        ( >= 240, _) => "reserved",
        _ => null,
    };

    private static string? V6Kind(IPAddress address)
    {
        var b = address.GetAddressBytes();
        return address switch
        {
            _ when address.Equals(IPAddress.IPv6Any) => "unspecified",
            _ when IPAddress.IsLoopback(address) => "loopback",
            { IsIPv6LinkLocal: true } or { IsIPv6SiteLocal: true } => "link-local",
            { IsIPv6Multicast: true } => "multicast",
            _ when (b[0] & 0xFE) == 0xFC => "unique-local (private)",
            _ when b[0] == 0x20 && b[1] == 0x01 && b[2] == 0x0D && b[3] == 0xB8 => "reserved (documentation)",
            _ when b[0] == 0x00 && b[1] == 0x64 && b[2] == 0xFF && b[3] == 0x9B => "NAT64 (may reach private IPv4)",
            _ when b[0] == 0x20 && b[1] == 0x02 => "6to4 (may reach private IPv4)",
            _ => null,
        };
    }
}
