using Payments.Application.Webhooks.Endpoints;
using Payments.Application.Webhooks.Replay;

namespace Payments.Functions.Api.Webhooks;

/// <summary>The HTTP answers the webhook services' outcomes share: one not-found for missing and foreign ids alike.</summary>
public static class WebhookAnswers
{
    public static IResult EndpointNotFound(string endpointId) => Problems.NotFound($"Webhook endpoint {endpointId}");

    public static IResult Endpoint(EndpointOutcome outcome, string endpointId, Func<EndpointOutcome.Saved, IResult> saved)
    {
        ArgumentNullException.ThrowIfNull(saved);
        return outcome switch
        {
            EndpointOutcome.Saved done => saved(done),
            EndpointOutcome.Invalid invalid => Problems.Validation(invalid.Errors),
            EndpointOutcome.NotFound => EndpointNotFound(endpointId),
            EndpointOutcome.Conflict => Problems.EndpointConflict(),
            _ => throw new InvalidOperationException($"Unexpected outcome {outcome}"),
        };
    }

    /// <summary>A disabled endpoint conflicts with the resource's state (409); anything else refused is the request's fault (400).</summary>
    public static IResult Refused(ReplayOutcome.Refused refused)
    {
        ArgumentNullException.ThrowIfNull(refused);
        return Problems.ReplayRefused(refused.Field, refused.Code, refused.Message, conflict: refused.Code == "endpoint_disabled");
    }
}
