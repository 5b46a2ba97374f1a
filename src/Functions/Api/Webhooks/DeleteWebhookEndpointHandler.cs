using Microsoft.AspNetCore.Mvc;
using Payments.Application.Webhooks.Endpoints;

namespace Payments.Functions.Api.Webhooks;

/// <summary>DELETE /webhook-endpoints/{id}: nothing more is sent to it; its recorded attempts stay with their payments.</summary>
public static class DeleteWebhookEndpointHandler
{
    public static async Task<IResult> Handle(string id, HttpContext http, [FromServices] WebhookEndpointService endpoints, CancellationToken cancellationToken) =>
        await endpoints.Delete(ApiCaller.Client(http).ClientId, id, cancellationToken)
            ? Results.NoContent()
            : WebhookAnswers.EndpointNotFound(id);
}
