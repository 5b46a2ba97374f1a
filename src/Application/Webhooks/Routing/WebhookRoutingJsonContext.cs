using System.Text.Json.Serialization;

namespace Payments.Application.Webhooks.Routing;

[JsonSerializable(typeof(LedgerEventEnvelope))]
internal sealed partial class WebhookRoutingJsonContext : JsonSerializerContext;
