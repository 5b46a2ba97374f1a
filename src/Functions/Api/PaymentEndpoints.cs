using Payments.Functions.Api.Auth;
using Payments.Functions.Api.Contracts;

namespace Payments.Functions.Api;

/// <summary>The HTTP surface: routes, auth, and what each returns. Handlers live in their own classes.</summary>
public static class PaymentEndpoints
{
    public static void MapPaymentEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", HealthHandler.Handle).Produces<HealthResponse>();

        // The group admits the payment readers (clients, auditors, operators), so a route added here is never open;
        // narrower routes add a policy, and a key must meet both.
        var payments = app.MapGroup("/payments")
            .RequireAuthorization(ApiPolicies.AnyOf(ApiPolicies.PaymentReaders))
            .WithMetadata(
                new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(ApiProblem), ["application/problem+json"]),
                new ProducesResponseTypeMetadata(StatusCodes.Status403Forbidden, typeof(ApiProblem), ["application/problem+json"]),
                new ProducesResponseTypeMetadata(StatusCodes.Status500InternalServerError, typeof(ApiProblem), ["application/problem+json"]));
        // No Accepts<T>() here: its content-type matcher would answer 415 without a problem body.
        payments.MapPost("", CreatePaymentHandler.Handle)
            .RequireAuthorization(ApiPolicies.Client)
            .WithDescription("Creates a payment for the key's client.")
            .WithMetadata(new JsonRequestBody(typeof(CreatePaymentBody)))
            .Produces<PaymentResponse>(StatusCodes.Status202Accepted)
            .Produces<ApiProblem>(StatusCodes.Status400BadRequest, "application/problem+json")
            .Produces<ApiProblem>(StatusCodes.Status409Conflict, "application/problem+json")
            .Produces<ApiProblem>(StatusCodes.Status413PayloadTooLarge, "application/problem+json")
            .Produces<ApiProblem>(StatusCodes.Status415UnsupportedMediaType, "application/problem+json")
            .Produces<ApiProblem>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")
            .Produces<ApiProblem>(StatusCodes.Status503ServiceUnavailable, "application/problem+json");
        payments.MapGet("", ListPaymentsHandler.Handle)
            .RequireAuthorization(ApiPolicies.Client)
            .WithDescription("The key's client's own payments, newest first.")
            .Produces<PaymentListResponse>()
            .Produces<ApiProblem>(StatusCodes.Status400BadRequest, "application/problem+json");
        payments.MapGet("{id}", GetPaymentHandler.Handle)
            .WithDescription(
                "A payment folded from its events: a `client` key reads its own payments, an `auditor` or `operator` key any client's. " +
                "`as_of_version=N` (N ≥ 1) or `as_of=<RFC 3339 time>` (the events' recorded time) folds only up to that point; " +
                "`version` says which version the state reflects. Giving both, or a malformed value, is a 400; a version not " +
                "recorded yet, or a time before the payment's first event, is a 404 (`not-found-at-point`).")
            .Produces<PaymentResponse>()
            .Produces<ApiProblem>(StatusCodes.Status400BadRequest, "application/problem+json")
            .Produces<ApiProblem>(StatusCodes.Status404NotFound, "application/problem+json");
        payments.MapGet("{id}/events", PaymentHistoryHandler.Handle)
            .WithDescription("Every event of the payment with its hash and the chain's verdict: a `client` key for its own payments, an `auditor` or `operator` key for any.")
            .Produces<PaymentHistoryResponse>()
            .Produces<ApiProblem>(StatusCodes.Status404NotFound, "application/problem+json");
    }
}
