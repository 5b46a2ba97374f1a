using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace Payments.Functions.Api.Gateway;

/// <summary>
/// A token bucket per caller, on ASP.NET Core's rate limiter: the authenticated client's id picks its bucket, a request
/// without a valid key the remote address's. Health, metrics and the OpenAPI document are never limited, so probes
/// and scrapers keep working while a client is refused. A refusal is a 429 problem with Retry-After.
/// </summary>
public static class ClientRateLimits
{
    private static readonly PathString[] Exempt = ["/health", "/metrics", "/openapi"];

    /// <summary>Fills continuously (a tenth of a second at a time); a refused request is told to wait at least one period.</summary>
    private static readonly TimeSpan Period = TimeSpan.FromSeconds(1);

    public static IServiceCollection AddClientRateLimits(this IServiceCollection services, ClientRateLimitOptions limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        services.AddSingleton(limits);
        if (limits.Enabled)
        {
            services.AddRateLimiter(limiter =>
            {
                limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => Partition(context, limits));
                limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
                limiter.OnRejected = Refuse;
            });
        }

        return services;
    }

    /// <summary>After authentication, so the bucket is the client's, and before authorization, so failed keys count against their address.</summary>
    public static WebApplication UseClientRateLimits(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetService<ClientRateLimitOptions>() is { Enabled: true })
        {
            app.UseRateLimiter();
        }

        return app;
    }

    private static RateLimitPartition<string> Partition(HttpContext context, ClientRateLimitOptions limits)
    {
        if (Exempt.Any(path => context.Request.Path.StartsWithSegments(path)))
        {
            return RateLimitPartition.GetNoLimiter("exempt");
        }

        if (context.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } clientId)
        {
            return RateLimitPartition.GetTokenBucketLimiter("client:" + clientId, _ => Bucket(limits.For(clientId)));
        }

        var address = context.Connection.RemoteIpAddress?.ToString() ?? "unknown";
        return RateLimitPartition.GetTokenBucketLimiter("address:" + address, _ => Bucket(limits.Anonymous));
    }

    private static TokenBucketRateLimiterOptions Bucket(TokenBucketLimit limit) => new()
    {
        TokenLimit = limit.BucketSize,
        TokensPerPeriod = limit.PermitsPerSecond,
        ReplenishmentPeriod = Period,
        QueueLimit = 0,
        AutoReplenishment = false,
    };

    private static async ValueTask Refuse(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var wait = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : Period;
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        rejected.HttpContext.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await Problems.TooManyRequests(seconds).ExecuteAsync(rejected.HttpContext).ConfigureAwait(false);
    }
}
