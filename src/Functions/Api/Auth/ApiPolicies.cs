using Microsoft.AspNetCore.Authorization;

namespace Payments.Functions.Api.Auth;

/// <summary>The authorization policies endpoints name; today every API key is a client's.</summary>
public static class ApiPolicies
{
    /// <summary>An authenticated client: sees and creates only its own payments.</summary>
    public const string Client = "client";

    /// <summary>Finance: reconciliation across every client's payments.</summary>
    public const string Finance = "finance";

    public static void Add(AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddPolicy(Client, policy => policy
            .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser()
            .RequireRole(ApiKeyAuthenticationHandler.ClientRole));
        options.AddPolicy(Finance, policy => policy
            .AddAuthenticationSchemes(ApiKeyAuthenticationHandler.SchemeName)
            .RequireAuthenticatedUser()
            .RequireRole(Finance));
    }
}
