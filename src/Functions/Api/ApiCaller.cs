using System.Security.Claims;
using Payments.EventStore.Contract;
using Payments.Functions.Api.Auth;

namespace Payments.Functions.Api;

/// <summary>Who is calling (the principal <see cref="ApiKeyAuthenticationHandler"/> made) and under which correlation id.</summary>
public static class ApiCaller
{
    private const int MaxCorrelationLength = 128;

    public static ApiClient Client(HttpContext http) =>
        http.User.FindFirstValue(ClaimTypes.NameIdentifier) is { } clientId
            ? new ApiClient(clientId, http.User.FindAll(ClaimTypes.Role).Select(c => c.Value).ToList())
            : throw new InvalidOperationException("Endpoint is missing the API key authorization policy.");

    /// <summary>Whether the caller may read the payment of <paramref name="ownerClientId"/>: its own, or any as an auditor or operator.</summary>
    public static bool MayReadPaymentOf(HttpContext http, string ownerClientId) =>
        ReadsEveryPayment(http) || string.Equals(Client(http).ClientId, ownerClientId, StringComparison.Ordinal);

    /// <summary>Auditors (to verify) and operators (to find and fix) read every client's payments; a client only its own.</summary>
    public static bool ReadsEveryPayment(HttpContext http) => http.User.IsInRole(ApiPolicies.Auditor) || http.User.IsInRole(ApiPolicies.Operator);

    /// <summary>Operators act for any client (redeliver its webhooks); a client for itself.</summary>
    public static bool ActsForEveryClient(HttpContext http) => http.User.IsInRole(ApiPolicies.Operator);

    /// <summary>Finance and auditors read every client's events on the feed; a client only its own.</summary>
    public static bool ReadsWholeFeed(HttpContext http) => http.User.IsInRole(ApiPolicies.Finance) || http.User.IsInRole(ApiPolicies.Auditor);

    public static EventMetadata Metadata(HttpContext http)
    {
        var supplied = http.Request.Headers["X-Correlation-Id"].ToString();
        var correlation = supplied.Length is > 0 and <= MaxCorrelationLength && supplied.All(c => c is > ' ' and <= '~')
            ? supplied
            : http.TraceIdentifier;
        return new EventMetadata(correlation, null, "client:" + Client(http).ClientId).InCurrentTrace();
    }
}
