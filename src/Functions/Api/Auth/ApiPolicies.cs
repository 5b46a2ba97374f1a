using Microsoft.AspNetCore.Authorization;

namespace Payments.Functions.Api.Auth;

/// <summary>
/// The roles an API key carries and the authorization policies endpoints name: one policy per role, named as the role,
/// and <see cref="AnyOf"/> for an endpoint several roles may use.
/// </summary>
public static class ApiPolicies
{
    /// <summary>Creates payments and sees only its own: its payments, their history and events, its webhook endpoints.</summary>
    public const string Client = "client";

    /// <summary>Reads every client's payments, their histories and the verifiable log's proofs.</summary>
    public const string Auditor = "auditor";

    /// <summary>Reads the ordered event feed of every client; exports and reconciliation.</summary>
    public const string Finance = "finance";

    /// <summary>
    /// Keeps the system running: reads every payment (status, timeline, webhook deliveries) to find what is stuck,
    /// re-runs parked events, re-enqueues dead-lettered jobs and redelivers webhooks; creates no payment and reads no feed.
    /// </summary>
    public const string Operator = "operator";

    public static IReadOnlyList<string> Roles { get; } = [Client, Auditor, Finance, Operator];

    /// <summary>Who may read payments at all (which ones: <see cref="ApiCaller.MayReadPaymentOf"/>); the API and the console both ask this.</summary>
    public static string[] PaymentReaders { get; } = [Client, Auditor, Operator];

    /// <summary>Who may redeliver a webhook delivery: its client, or an operator acting for it.</summary>
    public static string[] WebhookRedeliverers { get; } = [Client, Operator];

    public static void Add(AuthorizationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        foreach (var role in Roles)
        {
            options.AddPolicy(role, AnyOf(role));
        }
    }

    /// <summary>Met by an API key holding at least one of <paramref name="roles"/>; anything else authenticated gets 403.</summary>
    public static AuthorizationPolicy AnyOf(params string[] roles) =>
        new AuthorizationPolicyBuilder(ApiKeyAuthenticationHandler.SchemeName).RequireAuthenticatedUser().RequireRole(roles).Build();
}
