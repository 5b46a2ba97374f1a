using Payments.Functions.Api.Auth;
using Payments.Functions.Api.Contracts;

namespace Payments.Functions.Api;

/// <summary>The HTTP surface: routes, auth, and what each returns. Handlers live in their own classes.</summary>
public static class PaymentEndpoints
{
    public static void MapPaymentEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", HealthHandler.Handle).Produces<HealthResponse>();

        var payments = app.MapGroup("/payments")
            .RequireAuthorization(ApiPolicies.Client)
            .WithMetadata(
                new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(ApiProblem), ["application/problem+json"]),
                new ProducesResponseTypeMetadata(StatusCodes.Status500InternalServerError, typeof(ApiProblem), ["application/problem+json"]));
        // No Accepts<T>() here: its content-type matcher would answer 415 without a problem body.
        payments.MapPost("", CreatePaymentHandler.Handle)
            .WithMetadata(new JsonRequestBody(typeof(CreatePaymentBody)))
            .Produces<PaymentResponse>(StatusCodes.Status202Accepted)
            .Produces<ApiProblem>(StatusCodes.Status400BadRequest, "application/problem+json")
            .Produces<ApiProblem>(StatusCodes.Status409Conflict, "application/problem+json")
            .Produces<ApiProblem>(StatusCodes.Status413PayloadTooLarge, "application/problem+json")
            .Produces<ApiProblem>(StatusCodes.Status415UnsupportedMediaType, "application/problem+json")
            .Produces<ApiProblem>(StatusCodes.Status422UnprocessableEntity, "application/problem+json")
            .Produces<ApiProblem>(StatusCodes.Status503ServiceUnavailable, "application/problem+json");
        payments.MapGet("", ListPaymentsHandler.Handle)
            .Produces<PaymentListResponse>()
            .Produces<ApiProblem>(StatusCodes.Status400BadRequest, "application/problem+json");
        payments.MapGet("{id}", GetPaymentHandler.Handle)
            .Produces<PaymentResponse>()
            .Produces<ApiProblem>(StatusCodes.Status404NotFound, "application/problem+json");
        payments.MapGet("{id}/events", PaymentHistoryHandler.Handle)
            .Produces<PaymentHistoryResponse>()
            .Produces<ApiProblem>(StatusCodes.Status404NotFound, "application/problem+json");
    }
}
