using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Payments.Functions.Api.Auth;

/// <summary>
/// `Authorization: Bearer &lt;api key&gt;` as an ASP.NET Core authentication scheme: the key's client becomes the
/// principal (name identifier) with one role claim per role the key carries. Challenges and refusals answer problem+json.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyRing keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    private const string Bearer = "Bearer ";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (header.Length == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var client = header.StartsWith(Bearer, StringComparison.OrdinalIgnoreCase) ? keys.Authenticate(header[Bearer.Length..].Trim()) : null;
        if (client is null)
        {
            return Task.FromResult(AuthenticateResult.Fail("Unknown API key."));
        }

        Claim[] claims = [new(ClaimTypes.NameIdentifier, client.ClientId), .. client.Roles.Select(role => new Claim(ClaimTypes.Role, role))];
        var principal = new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(principal, SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = "Bearer";
        return Problems.Unauthorized().ExecuteAsync(Context);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) => Problems.Forbidden().ExecuteAsync(Context);
}
