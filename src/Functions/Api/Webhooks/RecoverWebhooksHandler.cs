using Microsoft.AspNetCore.Mvc;
using Payments.Application.Webhooks.Replay;
using Payments.Domain.Requests;
using Payments.Functions.Api.Contracts;

namespace Payments.Functions.Api.Webhooks;

/// <summary>
/// POST /webhook-endpoints/{id}/recover {since, until?}: queues a background job that sends the endpoint's messages of
/// the window again where they did not get through; 202 once the job is queued.
/// </summary>
public static class RecoverWebhooksHandler
{
    private static readonly JsonBodyReader Body = new("recovery window", "since, until");

    public static async Task<IResult> Handle(
        string id, HttpContext http, [FromServices] WebhookReplay replay, [FromServices] TimeProvider time, CancellationToken cancellationToken)
    {
        var (body, problem) = await Body.Read(http.Request, ApiJsonContext.Default.RecoverWebhooksBody, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        if (body.Since is not { } since)
        {
            return Problems.Validation([new FieldError("since", "required", "since is required: the start of the window, as an RFC 3339 time.")]);
        }

        // Resolved here rather than by the job, so the answer names the window that will be recovered.
        var until = body.Until ?? time.GetUtcNow();
        return await replay.Recover(ApiCaller.Client(http).ClientId, id, since, until, cancellationToken) switch
        {
            ReplayOutcome.Queued => Results.Json(
                new WebhookRecoveryResponse(id, since, until, "queued"), ApiJsonContext.Default.WebhookRecoveryResponse, statusCode: StatusCodes.Status202Accepted),
            ReplayOutcome.NotFound => WebhookAnswers.EndpointNotFound(id),
            ReplayOutcome.Refused refused => WebhookAnswers.Refused(refused),
            var outcome => throw new InvalidOperationException($"Unexpected outcome {outcome}"),
        };
    }
}
