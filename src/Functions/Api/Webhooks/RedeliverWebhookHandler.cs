using Microsoft.AspNetCore.Mvc;
using Payments.Application.Webhooks.Deliveries;
using Payments.Application.Webhooks.Replay;

namespace Payments.Functions.Api.Webhooks;

/// <summary>POST /webhook-deliveries/{id}/redeliver: a new round of attempts for one delivery, under the same webhook-id.</summary>
public static class RedeliverWebhookHandler
{
    public static async Task<IResult> Handle(
        string id, HttpContext http, [FromServices] WebhookReplay replay, [FromServices] IWebhookDeliveryStore deliveries, CancellationToken cancellationToken)
    {
        var outcome = await replay.Redeliver(ApiCaller.Client(http).ClientId, id, cancellationToken);
        switch (outcome)
        {
            case ReplayOutcome.Queued { Delivery: { } delivery }:
                var attempts = await deliveries.AttemptsForDelivery(delivery.DeliveryId, cancellationToken);
                return Results.Json(WebhookResponses.Delivery(delivery, attempts), ApiJsonContext.Default.WebhookDeliveryResponse, statusCode: StatusCodes.Status202Accepted);
            case ReplayOutcome.NotFound:
                return Problems.NotFound($"Webhook delivery {id}");
            case ReplayOutcome.Refused refused:
                return WebhookAnswers.Refused(refused);
            default:
                throw new InvalidOperationException($"Unexpected outcome {outcome}");
        }
    }
}
