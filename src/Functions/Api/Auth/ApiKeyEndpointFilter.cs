
namespace Payments.Functions.Api.Auth;

/// <summary>Requires `Authorization: Bearer &lt;api key&gt;` and makes the caller available to handlers.</summary>
public sealed class ApiKeyEndpointFilter(ApiKeyRing keys) : IEndpointFilter
{
    private const string Scheme = "Bearer ";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var header = http.Request.Headers.Authorization.ToString();
        var client = header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? keys.Authenticate(header[Scheme.Length..].Trim()) : null;
        if (client is null)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer";
            return Problems.Unauthorized();
        }

        http.Features.Set(client);
        return await next(context);
    }
}
