using Payments.Application.Audit;
using Payments.Application.Audit.Documents;
using Payments.Functions.Api.Auth;
using Payments.Functions.Api.Contracts;

namespace Payments.Functions.Api.Audit;

/// <summary>The verifiable log for auditors: signed checkpoints, inclusion and consistency proofs, a payment's history with proofs.</summary>
public static class AuditRoutes
{
    private const string Problem = "application/problem+json";

    /// <summary>Maps the routes where the host keeps a verifiable log (an <see cref="AuditTrail"/> is registered).</summary>
    public static void MapAuditRoutes(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.ServiceProvider.GetService<AuditTrail>() is null)
        {
            return;
        }

        var audit = app.MapGroup("/audit")
            .WithTags("Audit")
            .RequireAuthorization(ApiPolicies.Auditor)
            .WithMetadata(
                new ProducesResponseTypeMetadata(StatusCodes.Status401Unauthorized, typeof(ApiProblem), [Problem]),
                new ProducesResponseTypeMetadata(StatusCodes.Status403Forbidden, typeof(ApiProblem), [Problem]));
        audit.MapGet("/checkpoint", AuditHandlers.Checkpoint)
            .WithSummary("The latest signed checkpoint (tree size, root hash, time, ECDSA P-256 signature over the note); save it to check the log later")
            .Produces<CheckpointDocument>();
        audit.MapPost("/checkpoints", AuditHandlers.SignCheckpoint)
            .WithSummary("Sign a checkpoint of the tree as it is now")
            .Produces<CheckpointDocument>(StatusCodes.Status201Created);
        audit.MapGet("/proofs/inclusion", AuditHandlers.Inclusion)
            .WithSummary("RFC 9162 inclusion proof of the event at `position` in the tree of `tree_size` leaves (default: the whole tree)")
            .Produces<InclusionProofDocument>()
            .Produces<ApiProblem>(StatusCodes.Status400BadRequest, Problem);
        audit.MapGet("/proofs/consistency", AuditHandlers.Consistency)
            .WithSummary("RFC 9162 consistency proof that the tree of `from` leaves is a prefix of the tree of `to` leaves")
            .Produces<ConsistencyProofDocument>()
            .Produces<ApiProblem>(StatusCodes.Status400BadRequest, Problem);
        audit.MapGet("/payments/{id}", AuditHandlers.Payment)
            .WithSummary("A payment's events as stored, each with its inclusion proof against the latest checkpoint")
            .Produces<PaymentAuditDocument>()
            .Produces<ApiProblem>(StatusCodes.Status404NotFound, Problem);
    }
}
