using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Payments.Application.Webhooks.Endpoints;

namespace Payments.Application.Webhooks.Sending;

/// <summary>
/// Standard Webhooks v1: <c>v1,</c> + base64 HMAC-SHA256 over <c>{webhook-id}.{webhook-timestamp}.{body}</c>, one per
/// secret, space-separated (during a rotation both the new and the previous secret sign).
/// </summary>
public static class WebhookSignature
{
    public static string Header(string messageId, DateTimeOffset timestamp, string body, IEnumerable<string> secrets)
    {
        ArgumentNullException.ThrowIfNull(secrets);
        var signed = Encoding.UTF8.GetBytes($"{messageId}.{Timestamp(timestamp)}.{body}");
        return string.Join(' ', secrets.Select(secret => "v1," + Convert.ToBase64String(HMACSHA256.HashData(WebhookSecret.Key(secret), signed))));
    }

    /// <summary>The <c>webhook-timestamp</c> value: unix seconds.</summary>
    public static string Timestamp(DateTimeOffset at) => at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
}
