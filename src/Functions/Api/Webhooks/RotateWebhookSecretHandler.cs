using Microsoft.AspNetCore.Mvc;
using Payments.Application.Webhooks.Endpoints;

namespace Payments.Functions.Api.Webhooks;

/// <summary>
/// POST /webhook-endpoints/{id}/rotate-secret: a new secret, shown this once; the previous one keeps signing alongside
/// it until <c>previous_secret_expires_at</c>, so receivers can switch without missing a webhook.
/// </summary>
public static class RotateWebhookSecretHandler
{
    public static async Task<IResult> Handle(string id, HttpContext http, [FromServices] WebhookEndpointService endpoints, CancellationToken cancellationToken)
    {
        var outcome = await endpoints.RotateSecret(ApiCaller.Client(http).ClientId, id, cancellationToken);
        return WebhookAnswers.Endpoint(outcome, id, saved =>
            Results.Json(WebhookResponses.Endpoint(saved.Endpoint, saved.Secret), ApiJsonContext.Default.WebhookEndpointResponse));
    }
}
