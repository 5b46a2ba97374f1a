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
            ? new ApiClient(clientId)
            : throw new InvalidOperationException("Endpoint is missing the API key authorization policy.");

    public static EventMetadata Metadata(HttpContext http)
    {
        var supplied = http.Request.Headers["X-Correlation-Id"].ToString();
        var correlation = supplied.Length is > 0 and <= MaxCorrelationLength && supplied.All(c => c is > ' ' and <= '~')
            ? supplied
            : http.TraceIdentifier;
        return new EventMetadata(correlation, null, "client:" + Client(http).ClientId);
    }
}
