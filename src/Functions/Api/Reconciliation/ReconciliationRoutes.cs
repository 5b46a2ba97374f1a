using Payments.Application.Reconciliation;
using Payments.Functions.Api.Auth;
using Payments.Functions.Api.Contracts;

namespace Payments.Functions.Api.Reconciliation;

/// <summary>Finance's reconciliation endpoint, served by the embedded host and the api function alike.</summary>
public static class ReconciliationRoutes
{
    private const string Problem = "application/problem+json";

    public static void MapReconciliationEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/reconciliation", ReconciliationHandler.Handle)
            .RequireAuthorization(ApiPolicies.Finance)
            .WithTags("Finance")
            .WithSummary("Match the ledger's ramp legs to the providers' settlement statements for [from, to) and list every anomaly")
            .WithDescription("Role: finance. from and to are RFC 3339 times with an offset; amounts are exact decimal strings.")
            .Produces<ReconciliationReport>()
            .Produces<ApiProblem>(StatusCodes.Status400BadRequest, Problem)
            .Produces<ApiProblem>(StatusCodes.Status401Unauthorized, Problem)
            .Produces<ApiProblem>(StatusCodes.Status403Forbidden, Problem)
            .Produces<ApiProblem>(StatusCodes.Status500InternalServerError, Problem);
    }
}
