using Microsoft.AspNetCore.Mvc;
using Payments.EventStore.Contract;
using Payments.Functions.Api.Contracts;

namespace Payments.Functions.Api;

/// <summary>GET /health: unauthenticated liveness plus, embedded, the log's last committed position.</summary>
public static class HealthHandler
{
    public static IResult Handle([FromServices] IAppendNotifier? log = null) =>
        Results.Json(new HealthResponse("ok", log?.LastCommittedPosition), ApiJsonContext.Default.HealthResponse);
}
