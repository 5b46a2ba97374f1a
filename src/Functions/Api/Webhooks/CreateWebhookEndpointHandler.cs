using Microsoft.AspNetCore.Mvc;
using Payments.Application.Webhooks.Endpoints;

namespace Payments.Functions.Api.Webhooks;

/// <summary>POST /webhook-endpoints: registers an endpoint and shows its signing secret, this once.</summary>
public static class CreateWebhookEndpointHandler
{
    private static readonly JsonBodyReader Body = new("webhook endpoint", "url, event_types, description");

    public static async Task<IResult> Handle(HttpContext http, [FromServices] WebhookEndpointService endpoints, CancellationToken cancellationToken)
    {
        var (body, problem) = await Body.Read(http.Request, ApiJsonContext.Default.CreateWebhookEndpointBody, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        var draft = new WebhookEndpointDraft(body.Url, body.EventTypes, body.Description);
        var outcome = await endpoints.Create(ApiCaller.Client(http).ClientId, draft, cancellationToken);
        return WebhookAnswers.Endpoint(outcome, "", saved =>
        {
            http.Response.Headers.Location = $"/webhook-endpoints/{saved.Endpoint.EndpointId}";
            return Results.Json(WebhookResponses.Endpoint(saved.Endpoint, saved.Secret), ApiJsonContext.Default.WebhookEndpointResponse, statusCode: StatusCodes.Status201Created);
        });
    }
}
