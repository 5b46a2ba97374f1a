using System.Text.Json.Serialization;

namespace Payments.Application.Webhooks.Queue;

[JsonSerializable(typeof(WebhookQueueMessage.Delivery))]
[JsonSerializable(typeof(WebhookQueueMessage.Recovery))]
internal sealed partial class WebhookQueueJsonContext : JsonSerializerContext;
