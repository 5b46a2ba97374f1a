using Microsoft.AspNetCore.Mvc;
using Payments.Application.Webhooks.Deliveries;
using Payments.Application.Webhooks.Endpoints;
using Payments.Domain.Requests;
using Payments.Functions.Api.Contracts;

namespace Payments.Functions.Api.Webhooks;

/// <summary>GET /webhook-endpoints/{id}/attempts?limit=: the endpoint's most recent attempts, newest first.</summary>
public static class WebhookAttemptsHandler
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    public static async Task<IResult> Handle(
        string id, HttpContext http, [FromServices] WebhookEndpointService endpoints, [FromServices] IWebhookDeliveryStore deliveries, CancellationToken cancellationToken)
    {
        var errors = new List<FieldError>();
        var limit = QueryLimit.Parse(http.Request.Query["limit"].ToString(), DefaultLimit, MaxLimit, errors);
        if (errors.Count > 0)
        {
            return Problems.Validation(errors);
        }

        var clientId = ApiCaller.Client(http).ClientId;
        if (await endpoints.Find(clientId, id, cancellationToken) is null)
        {
            return WebhookAnswers.EndpointNotFound(id);
        }

        var attempts = await deliveries.AttemptsForEndpoint(clientId, id, limit, cancellationToken);
        return Results.Json(new WebhookAttemptListResponse([.. attempts.Select(WebhookResponses.Attempt)]), ApiJsonContext.Default.WebhookAttemptListResponse);
    }
}
