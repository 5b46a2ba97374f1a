using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;
using Payments.Application.Webhooks;
using Payments.Application.Webhooks.Payloads;

namespace Payments.Functions.Api.Webhooks;

/// <summary>
/// The OpenAPI document's <c>webhooks</c> section (OpenAPI 3.1): one POST per catalogue type, its body the type's
/// JSON Schema and its Standard Webhooks headers, so a receiver can generate its types from the same document as
/// its client.
/// </summary>
public sealed class WebhookEventsDocument : IOpenApiDocumentTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Webhooks ??= new Dictionary<string, IOpenApiPathItem>(StringComparer.Ordinal);
        foreach (var type in WebhookEventTypes.Catalogue)
        {
            var item = new OpenApiPathItem();
            item.AddOperation(HttpMethod.Post, Operation(type, document));
            document.Webhooks[type.Type] = item;
        }

        return Task.CompletedTask;
    }

    private static OpenApiOperation Operation(WebhookEventType type, OpenApiDocument document) => new()
    {
        OperationId = "webhook_" + type.Type.Replace('.', '_'),
        Summary = type.Type,
        Description = type.Description + " Verify the signature over the raw body before parsing it; order and de-duplicate by webhook-id and data.sequence.",
        Parameters =
        [
            Header("webhook-id", "The message id: the same on every retry and redelivery of this message; de-duplicate on it."),
            Header("webhook-timestamp", "Unix seconds when this attempt was signed; refuse one more than 5 minutes from now."),
            Header("webhook-signature", "Space-separated `v1,<base64 HMAC-SHA256 of \"{webhook-id}.{webhook-timestamp}.{body}\">`, one per signing secret (two during a rotation)."),
        ],
        RequestBody = new OpenApiRequestBody
        {
            Required = true,
            Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
            {
                ["application/json"] = new() { Schema = Schema(type, document) },
            },
        },
        Responses = new OpenApiResponses
        {
            ["2XX"] = new OpenApiResponse { Description = "Delivered: nothing more is sent for this message." },
            ["410"] = new OpenApiResponse { Description = "Gone: the endpoint is disabled and receives nothing more until re-enabled." },
            ["429"] = new OpenApiResponse { Description = "Retried later, no sooner than its Retry-After; 5xx, 3xx and timeouts are retried with backoff too." },
        },
    };

    private static OpenApiParameter Header(string name, string description) => new()
    {
        Name = name,
        In = ParameterLocation.Header,
        Required = true,
        Description = description,
        Schema = new OpenApiSchema { Type = JsonSchemaType.String },
    };

    private static IOpenApiSchema Schema(WebhookEventType type, OpenApiDocument document)
    {
        var schema = new OpenApiJsonReader().ReadFragment<OpenApiSchema>(WebhookEventSchemas.For(type), OpenApiSpecVersion.OpenApi3_1, document, out var diagnostic);
        return diagnostic?.Errors.Count > 0
            ? throw new InvalidOperationException($"The schema of {type.Type} is not an OpenAPI 3.1 schema: {string.Join("; ", diagnostic.Errors)}")
            : schema!;
    }
}
