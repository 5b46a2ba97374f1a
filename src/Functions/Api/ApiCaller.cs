using Payments.EventStore.Contract;
using Payments.Functions.Api.Auth;

namespace Payments.Functions.Api;

/// <summary>Who is calling and under which correlation id; set by <see cref="ApiKeyEndpointFilter"/>.</summary>
public static class ApiCaller
{
    private const int MaxCorrelationLength = 128;

    public static ApiClient Client(HttpContext http) =>
        http.Features.Get<ApiClient>() ?? throw new InvalidOperationException("Endpoint is missing the API key filter.");

    public static EventMetadata Metadata(HttpContext http)
    {
        var supplied = http.Request.Headers["X-Correlation-Id"].ToString();
        var correlation = supplied.Length is > 0 and <= MaxCorrelationLength && supplied.All(c => c is > ' ' and <= '~')
            ? supplied
            : http.TraceIdentifier;
        return new EventMetadata(correlation, null, "client:" + Client(http).ClientId);
    }
}
