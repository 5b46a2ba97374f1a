using System.Diagnostics;
using Microsoft.AspNetCore.Authentication;
using Payments.Application.Audit.Documents;
using Payments.Functions.Api.Audit;
using Payments.Application.Reconciliation;
using Payments.Functions.Api.Auth;
using Payments.Functions.Api.Operations;
using Payments.Functions.Api.Gateway;
using Payments.Functions.Api.Reconciliation;
using Payments.Functions.Api.Webhooks;

namespace Payments.Functions.Api;

/// <summary>
/// The HTTP API as every host runs it, Kestrel in the embedded host or the in-memory server of the <c>api</c> Lambda:
/// the same authentication, authorization, problem details, exception handler, OpenAPI document and endpoints.
/// </summary>
public static class PaymentsApi
{
    public static IServiceCollection AddPaymentsApi(this IServiceCollection services, ApiKeyRing keys)
    {
        services.AddSingleton(keys);
        services.ConfigureHttpJsonOptions(json =>
        {
            json.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default);
            json.SerializerOptions.TypeInfoResolverChain.Insert(1, AuditJsonContext.Default);
            json.SerializerOptions.TypeInfoResolverChain.Add(ReconciliationJsonContext.Default);

            // The OpenAPI generator names schema properties by these options, not by the context's own policy.
            json.SerializerOptions.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower;
        });
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorization(ApiPolicies.Add);
        services.AddProblemDetails(problems => problems.CustomizeProblemDetails = UseOurTraceId);
        services.AddExceptionHandler<UnhandledExceptionHandler>();
        services.AddOpenApi(openApi =>
        {
            ApiKeySecurityScheme.Describe(openApi);
            JsonRequestBody.Describe(openApi);
            openApi.AddDocumentTransformer<WebhookEventsDocument>();
        });
        return services;
    }

    /// <summary>
    /// The middleware in order, then the endpoints; <paramref name="beforeEndpoints"/> maps what only this host has
    /// (health checks, the ordered feed). The host registers the gateway duties (<see cref="GatewayDuties"/>); those it
    /// leaves out (rate limits, CORS) are skipped here.
    /// </summary>
    public static WebApplication UsePaymentsApi(this WebApplication app, Action<WebApplication>? beforeEndpoints = null)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseAccessLog();
        app.UseAllowedOrigins();
        app.UseExceptionHandler();
        app.UseStatusCodePages();

        // Inside the exception handler: outside, it would take the timeout's cancellation for a client that went away.
        app.UseRequestTimeouts();
        app.UseAuthentication();
        app.UseClientRateLimits();
        app.UseAuthorization();
        app.MapOpenApi();
        beforeEndpoints?.Invoke(app);
        app.MapPaymentEndpoints();
        app.MapWebhookRoutes();
        app.MapAuditRoutes();
        app.MapReconciliationEndpoints();
        app.MapOperationsRoutes();
        return app;
    }

    /// <summary>Framework-written problems (404, 405 from routing) carry the same <c>trace_id</c> as ours.</summary>
    private static void UseOurTraceId(ProblemDetailsContext context)
    {
        context.ProblemDetails.Extensions.Remove("traceId");
        context.ProblemDetails.Extensions["trace_id"] = Activity.Current?.TraceId.ToString() ?? context.HttpContext.TraceIdentifier;
    }
}
