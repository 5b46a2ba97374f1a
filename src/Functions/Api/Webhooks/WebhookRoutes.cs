using Payments.Functions.Api.Auth;
using Payments.Functions.Api.Contracts;

namespace Payments.Functions.Api.Webhooks;

/// <summary>The webhook HTTP surface: endpoint registration, delivery records, replays and the public event catalogue.</summary>
public static class WebhookRoutes
{
    private const string Problem = "application/problem+json";
    private const string Tag = "Webhooks";

    public static void MapWebhookRoutes(this IEndpointRouteBuilder app)
    {
        app.MapGet("/webhooks/event-types", WebhookEventTypesHandler.Handle)
            .WithTags(Tag)
            .WithSummary("The webhook event catalogue, with a JSON Schema per type")
            .Produces<WebhookEventTypeListResponse>();

        var endpoints = Authorized(app.MapGroup("/webhook-endpoints"));
        WithBody(endpoints.MapPost("", CreateWebhookEndpointHandler.Handle), typeof(CreateWebhookEndpointBody))
            .WithSummary("Register a webhook endpoint; the answer shows its signing secret, the only time it is shown")
            .Produces<WebhookEndpointResponse>(StatusCodes.Status201Created);
        endpoints.MapGet("", ListWebhookEndpointsHandler.Handle)
            .WithSummary("The caller's webhook endpoints")
            .Produces<WebhookEndpointListResponse>();
        endpoints.MapGet("{id}", GetWebhookEndpointHandler.Handle)
            .WithSummary("One webhook endpoint")
            .Produces<WebhookEndpointResponse>()
            .Produces<ApiProblem>(StatusCodes.Status404NotFound, Problem);
        WithBody(endpoints.MapPatch("{id}", UpdateWebhookEndpointHandler.Handle), typeof(UpdateWebhookEndpointBody))
            .WithSummary("Change a webhook endpoint's url, event types, description or enabled; absent members stay as they are")
            .Produces<WebhookEndpointResponse>()
            .Produces<ApiProblem>(StatusCodes.Status404NotFound, Problem)
            .Produces<ApiProblem>(StatusCodes.Status409Conflict, Problem);
        endpoints.MapDelete("{id}", DeleteWebhookEndpointHandler.Handle)
            .WithSummary("Delete a webhook endpoint")
            .Produces(StatusCodes.Status204NoContent)
            .Produces<ApiProblem>(StatusCodes.Status404NotFound, Problem);
        endpoints.MapPost("{id}/rotate-secret", RotateWebhookSecretHandler.Handle)
            .WithSummary("Replace the signing secret; the previous one keeps signing alongside it for 24 hours")
            .Produces<WebhookEndpointResponse>()
            .Produces<ApiProblem>(StatusCodes.Status404NotFound, Problem)
            .Produces<ApiProblem>(StatusCodes.Status409Conflict, Problem);
        endpoints.MapGet("{id}/attempts", WebhookAttemptsHandler.Handle)
            .WithSummary("The endpoint's most recent delivery attempts, newest first")
            .Produces<WebhookAttemptListResponse>()
            .Produces<ApiProblem>(StatusCodes.Status400BadRequest, Problem)
            .Produces<ApiProblem>(StatusCodes.Status404NotFound, Problem);
        WithBody(endpoints.MapPost("{id}/recover", RecoverWebhooksHandler.Handle), typeof(RecoverWebhooksBody))
            .WithSummary("Queue a background job that sends the window's undelivered messages to the endpoint again")
            .Produces<WebhookRecoveryResponse>(StatusCodes.Status202Accepted)
            .Produces<ApiProblem>(StatusCodes.Status404NotFound, Problem)
            .Produces<ApiProblem>(StatusCodes.Status409Conflict, Problem);

        Authorized(app.MapGroup("/webhook-deliveries"), ApiPolicies.WebhookRedeliverers).MapPost("{id}/redeliver", RedeliverWebhookHandler.Handle)
            .WithSummary("Send one delivery again, with the same webhook-id (a client its own; an operator any client's)")
            .Produces<WebhookDeliveryResponse>(StatusCodes.Status202Accepted)
            .Produces<ApiProblem>(StatusCodes.Status404NotFound, Problem)
            .Produces<ApiProblem>(StatusCodes.Status409Conflict, Problem);
        Authorized(app.MapGroup("/payments"), ApiPolicies.PaymentReaders).MapGet("{id}/deliveries", PaymentDeliveriesHandler.Handle)
            .WithSummary("Every webhook delivery of the payment's events, with each attempt (to whoever may read the payment)")
            .Produces<PaymentDeliveriesResponse>()
            .Produces<ApiProblem>(StatusCodes.Status404NotFound, Problem);
    }

    /// <summary>Client keys only, unless <paramref name="roles"/> names who else may call the group.</summary>
    private static RouteGroupBuilder Authorized(RouteGroupBuilder group, params string[] roles) => group
        .RequireAuthorization(ApiPolicies.AnyOf(roles.Length > 0 ? roles : [ApiPolicies.Client]))
        .WithTags(Tag)
        .WithMetadata(
            new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(ApiProblem), [Problem]),
            new ProducesResponseTypeMetadata(StatusCodes.Status403Forbidden, typeof(ApiProblem), [Problem]),
            new ProducesResponseTypeMetadata(StatusCodes.Status500InternalServerError, typeof(ApiProblem), [Problem]));

    private static RouteHandlerBuilder WithBody(RouteHandlerBuilder route, Type shape) => route
        .WithMetadata(new JsonRequestBody(shape))
        .Produces<ApiProblem>(StatusCodes.Status400BadRequest, Problem)
        .Produces<ApiProblem>(StatusCodes.Status413PayloadTooLarge, Problem)
        .Produces<ApiProblem>(StatusCodes.Status415UnsupportedMediaType, Problem);
}
