using System.Text.Json.Serialization;

namespace Payments.Embedded.Webhooks;

/// <summary>The stored shapes of the webhook store: an endpoint's event types, as a JSON array.</summary>
[JsonSerializable(typeof(IReadOnlyList<string>))]
internal sealed partial class WebhookStoreJsonContext : JsonSerializerContext;
