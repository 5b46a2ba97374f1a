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
        var outcome = await replay.Redeliver(await ActingFor(http, id, deliveries, cancellationToken), id, cancellationToken);
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

    /// <summary>The client the redelivery is for: the caller itself, or for an operator the delivery's own client.</summary>
    public static async Task<string> ActingFor(HttpContext http, string deliveryId, IWebhookDeliveryStore deliveries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        var caller = ApiCaller.Client(http).ClientId;
        return ApiCaller.ActsForEveryClient(http) && await deliveries.FindDelivery(deliveryId, cancellationToken) is { } delivery ? delivery.ClientId : caller;
    }
}
