using System.Text.Json.Nodes;
using System.Text.Json.Schema;
using System.Text.Json.Serialization.Metadata;

namespace Payments.Application.Webhooks.Payloads;

/// <summary>
/// A JSON Schema (draft 2020-12) per catalogue type, generated from the payload types themselves so the schema a
/// receiver generates code from cannot drift from the bytes we send.
/// </summary>
public static class WebhookEventSchemas
{
    private static readonly JsonSchemaExporterOptions Exporter = new() { TreatNullObliviousAsNonNullable = true, TransformSchemaNode = Describe };

    public static JsonObject For(WebhookEventType eventType)
    {
        ArgumentNullException.ThrowIfNull(eventType);
        JsonTypeInfo info = eventType.IsPaymentEvent
            ? WebhookPayloadJsonContext.Default.WebhookPayloadPaymentWebhookData
            : WebhookPayloadJsonContext.Default.WebhookPayloadEndpointWebhookData;
        var schema = (JsonObject)info.GetJsonSchemaAsNode(Exporter);
        schema.Insert(0, "$schema", "https://json-schema.org/draft/2020-12/schema");
        schema.Insert(1, "title", eventType.Type);
        schema.Insert(2, "description", eventType.Description);
        if (schema["properties"]?["type"] is JsonObject type)
        {
            type["const"] = eventType.Type;
        }

        // A generic parameter carries no nullability, so the exporter allows null for data; we never send it.
        if (schema["properties"]?["data"] is JsonObject data)
        {
            data["type"] = "object";
        }

        return schema;
    }

    private static JsonNode Describe(JsonSchemaExporterContext context, JsonNode schema)
    {
        var description = context.PropertyInfo?.AttributeProvider?.GetCustomAttributes(typeof(System.ComponentModel.DescriptionAttribute), inherit: true)
            .OfType<System.ComponentModel.DescriptionAttribute>().FirstOrDefault()?.Description;
        if (description is not null && schema is JsonObject node)
        {
            node.Insert(0, "description", description);
        }

        return schema;
    }
}
