using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Payments.Functions.Api;

/// <summary>
/// Route metadata naming the JSON shape a handler reads itself (through <see cref="JsonBodyReader"/>), so the OpenAPI
/// document describes the request body. Accepts&lt;T&gt;() would describe it too, but its content-type matcher answers
/// 415 before the handler can, without a problem body.
/// </summary>
public sealed record JsonRequestBody(Type Shape)
{
    public static void Describe(OpenApiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddOperationTransformer(async (operation, context, cancellationToken) =>
        {
            if (context.Description.ActionDescriptor.EndpointMetadata.OfType<JsonRequestBody>().FirstOrDefault() is not { } body)
            {
                return;
            }

            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>(StringComparer.Ordinal)
                {
                    ["application/json"] = new() { Schema = await context.GetOrCreateSchemaAsync(body.Shape, null, cancellationToken) },
                },
            };
        });
    }
}
