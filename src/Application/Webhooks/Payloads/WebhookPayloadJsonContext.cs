using System.Text.Json.Serialization;

namespace Payments.Application.Webhooks.Payloads;

[JsonSerializable(typeof(WebhookPayload<PaymentWebhookData>))]
[JsonSerializable(typeof(WebhookPayload<EndpointWebhookData>))]
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
public sealed partial class WebhookPayloadJsonContext : JsonSerializerContext;
