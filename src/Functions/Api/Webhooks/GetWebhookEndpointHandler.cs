using Microsoft.AspNetCore.Mvc;
using Payments.Application.Webhooks.Endpoints;

namespace Payments.Functions.Api.Webhooks;

/// <summary>GET /webhook-endpoints/{id}: one of the caller's endpoints; another client's id answers like a missing one.</summary>
public static class GetWebhookEndpointHandler
{
    public static async Task<IResult> Handle(string id, HttpContext http, [FromServices] WebhookEndpointService endpoints, CancellationToken cancellationToken)
    {
        var endpoint = await endpoints.Find(ApiCaller.Client(http).ClientId, id, cancellationToken);
        return endpoint is null
            ? WebhookAnswers.EndpointNotFound(id)
            : Results.Json(WebhookResponses.Endpoint(endpoint), ApiJsonContext.Default.WebhookEndpointResponse);
    }
}
