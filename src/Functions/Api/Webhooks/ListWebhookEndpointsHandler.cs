using Microsoft.AspNetCore.Mvc;
using Payments.Application.Webhooks.Endpoints;
using Payments.Functions.Api.Contracts;

namespace Payments.Functions.Api.Webhooks;

/// <summary>GET /webhook-endpoints: the caller's endpoints, oldest first.</summary>
public static class ListWebhookEndpointsHandler
{
    public static async Task<IResult> Handle(HttpContext http, [FromServices] WebhookEndpointService endpoints, CancellationToken cancellationToken)
    {
        var list = await endpoints.List(ApiCaller.Client(http).ClientId, cancellationToken);
        var body = new WebhookEndpointListResponse([.. list.Select(e => WebhookResponses.Endpoint(e))]);
        return Results.Json(body, ApiJsonContext.Default.WebhookEndpointListResponse);
    }
}
