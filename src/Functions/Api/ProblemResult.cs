using System.Diagnostics;

namespace Payments.Functions.Api;

/// <summary>Writes an <see cref="Contracts.ApiProblem"/> as application/problem+json, stamped with the request's trace id.</summary>
public sealed class ProblemResult(Contracts.ApiProblem problem) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => problem.Status;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var traced = problem with { TraceId = Activity.Current?.TraceId.ToString() ?? httpContext.TraceIdentifier };
        return Results.Json(traced, ApiJsonContext.Default.ApiProblem, "application/problem+json", problem.Status).ExecuteAsync(httpContext);
    }
}
