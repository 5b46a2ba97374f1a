using Payments.Application.Operations;
using Payments.Functions.Api.Auth;
using Payments.Functions.Api.Contracts;
using Payments.Projections.ReadModel;

namespace Payments.Functions.Api.Operations;

/// <summary>
/// <c>/operations</c>: the operator's view across clients. Search is mapped where the read model can search
/// (<see cref="IPaymentSearch"/>); parked events and dead letters where the host runs the consumers and queues itself
/// (<see cref="OperatorRecovery"/>: the embedded host).
/// </summary>
public static class OperationsRoutes
{
    private const string Problem = "application/problem+json";
    private const string Tag = "Operations";

    public static void MapOperationsRoutes(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var registered = app.ServiceProvider.GetRequiredService<IServiceProviderIsService>();
        if (registered.IsService(typeof(IPaymentSearch)))
        {
            Group(app, ApiPolicies.Operator, ApiPolicies.Auditor).MapGet("/payments", OperationsHandlers.Payments)
                .WithSummary("Search every client's payments, newest first (roles operator, auditor)")
                .WithDescription("Filters: client_id, status, currency, idempotency_key, from, to (RFC 3339, requested time), attention=true, limit, cursor.")
                .Produces<PaymentListResponse>()
                .Produces<ApiProblem>(StatusCodes.Status400BadRequest, Problem);
        }

        if (!registered.IsService(typeof(OperatorRecovery)))
        {
            return;
        }

        var operations = Group(app, ApiPolicies.Operator);
        operations.MapGet("/parked-events", OperationsHandlers.ParkedEvents)
            .WithSummary("Events the log consumers parked after their last try, with the error")
            .Produces<ParkedEventListResponse>();
        operations.MapPost("/parked-events/{consumer}/{position:long}/rerun", OperationsHandlers.Rerun)
            .WithSummary("Hand one parked event to its consumer again; released when handled, kept with the new error when not")
            .Produces<OperatorActionResponse>()
            .Produces<ApiProblem>(StatusCodes.Status404NotFound, Problem);
        operations.MapGet("/dead-letters/payment-jobs", OperationsHandlers.PaymentJobDeadLetters)
            .WithSummary("Payment jobs the queue gave up on")
            .Produces<DeadLetterListResponse>();
        operations.MapPost("/dead-letters/payment-jobs/{messageId}/requeue", OperationsHandlers.RequeuePaymentJob)
            .WithSummary("Move one dead-lettered payment job back to the queue")
            .Produces<OperatorActionResponse>(StatusCodes.Status202Accepted)
            .Produces<ApiProblem>(StatusCodes.Status404NotFound, Problem);
        operations.MapGet("/dead-letters/webhooks", OperationsHandlers.WebhookDeadLetters)
            .WithSummary("Webhook queue messages the queue gave up on")
            .Produces<DeadLetterListResponse>();
        operations.MapPost("/dead-letters/webhooks/{messageId}/redeliver", OperationsHandlers.RedeliverWebhook)
            .WithSummary("Redeliver one dead webhook: a new round of attempts under the same webhook-id")
            .Produces<OperatorActionResponse>(StatusCodes.Status202Accepted)
            .Produces<ApiProblem>(StatusCodes.Status404NotFound, Problem)
            .Produces<ApiProblem>(StatusCodes.Status409Conflict, Problem);
    }

    private static RouteGroupBuilder Group(IEndpointRouteBuilder app, params string[] roles) => app.MapGroup("/operations")
        .RequireAuthorization(ApiPolicies.AnyOf(roles))
        .WithTags(Tag)
        .WithMetadata(
            new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(ApiProblem), [Problem]),
            new ProducesResponseTypeMetadata(StatusCodes.Status403Forbidden, typeof(ApiProblem), [Problem]),
            new ProducesResponseTypeMetadata(StatusCodes.Status500InternalServerError, typeof(ApiProblem), [Problem]));
}
