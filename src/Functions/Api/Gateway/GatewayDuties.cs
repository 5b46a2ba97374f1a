using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Payments.Functions.Api.Gateway;

/// <summary>
/// What an API gateway does in front of the API, done by the host: every host logs each request and gives it a
/// deadline; the embedded host also limits callers and answers browsers (<see cref="ClientRateLimits"/>, CORS), which
/// API Gateway's stage throttling and CORS configuration do in the cloud.
/// </summary>
public static class GatewayDuties
{
    public static IServiceCollection AddGatewayDuties(this IServiceCollection services, TimeSpan requestTimeout)
    {
        services.TryAddSingleton(TimeProvider.System);
        services.AddRequestTimeouts(timeouts => timeouts.DefaultPolicy = new RequestTimeoutPolicy
        {
            Timeout = requestTimeout,
            TimeoutStatusCode = StatusCodes.Status504GatewayTimeout,
            WriteTimeoutResponse = context => WriteTimeout(context, requestTimeout),
        });
        return services;
    }

    /// <summary>
    /// The middleware calls this while the request's token is still the timed-out one, and a JSON write under a
    /// cancelled token is silently dropped (the api function's in-memory body got none): the problem is written
    /// without it, and the middleware restores the original token afterwards.
    /// </summary>
    private static Task WriteTimeout(HttpContext context, TimeSpan deadline)
    {
        context.RequestAborted = CancellationToken.None;
        return Problems.Timeout(deadline).ExecuteAsync(context);
    }

    /// <summary>The embedded host's CORS policy; with no origin configured there is none, and no CORS header is ever sent.</summary>
    public static IServiceCollection AddAllowedOrigins(this IServiceCollection services, CrossOriginOptions origins)
    {
        ArgumentNullException.ThrowIfNull(origins);
        services.AddSingleton(origins);
        if (origins.Origins.Count > 0)
        {
            services.AddCors(cors => cors.AddDefaultPolicy(policy => policy
                .WithOrigins([.. origins.Origins])
                .WithMethods([.. CrossOriginPolicy.AllowedMethods])
                .WithHeaders([.. CrossOriginPolicy.AllowedHeaders])
                .WithExposedHeaders([.. CrossOriginPolicy.ExposedHeaders])
                .SetPreflightMaxAge(CrossOriginPolicy.PreflightMaxAge)));
        }

        return services;
    }

    /// <summary>First in the pipeline, so its line has the final status and the whole pipeline's time.</summary>
    public static WebApplication UseAccessLog(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseMiddleware<AccessLogMiddleware>();
        return app;
    }

    /// <summary>
    /// Ahead of authentication, the rate limiter and the endpoints, so a 401, 429, 504 or 500 problem still carries the
    /// CORS headers (added as the response starts) a browser needs to read it; preflights are answered here and go no further.
    /// </summary>
    public static WebApplication UseAllowedOrigins(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetService<CrossOriginOptions>() is { Origins.Count: > 0 })
        {
            app.UseCors();
        }

        return app;
    }
}
