using Payments.Application.Webhooks;
using Payments.Application.Webhooks.Payloads;
using Payments.Functions.Api.Contracts;

namespace Payments.Functions.Api.Webhooks;

/// <summary>GET /webhooks/event-types: the catalogue with a JSON Schema per type, public like the OpenAPI document.</summary>
public static class WebhookEventTypesHandler
{
    private static readonly WebhookEventTypeListResponse Catalogue =
        new([.. WebhookEventTypes.Catalogue.Select(t => new WebhookEventTypeResponse(t.Type, t.Description, WebhookEventSchemas.For(t)))]);

    public static IResult Handle() => Results.Json(Catalogue, ApiJsonContext.Default.WebhookEventTypeListResponse);
}
