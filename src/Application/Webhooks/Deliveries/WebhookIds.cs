using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Payments.Application.Webhooks.Deliveries;

/// <summary>
/// Deterministic ids: the same ledger event always yields the same <c>webhook-id</c>, and the same (message, endpoint)
/// the same delivery, so a fan-out repeated after a crash or a duplicate envelope writes and sends nothing twice.
/// </summary>
public static class WebhookIds
{
    public static string ForPaymentEvent(Guid paymentId, long version, string eventType) =>
        "msg_" + Digest(string.Create(CultureInfo.InvariantCulture, $"{paymentId:D}:{version}:{eventType}"));

    public static string ForEndpointEvent(string endpointId, DateTimeOffset at, string eventType) =>
        "msg_" + Digest(string.Create(CultureInfo.InvariantCulture, $"{endpointId}:{at.ToUnixTimeMilliseconds()}:{eventType}"));

    public static string Delivery(string messageId, string endpointId) => "dlv_" + Digest(messageId + ":" + endpointId);

    private static string Digest(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)).AsSpan(0, 16));
}
