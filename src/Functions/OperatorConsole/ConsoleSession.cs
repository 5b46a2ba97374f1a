using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Payments.Functions.Api.Auth;

namespace Payments.Functions.OperatorConsole;

/// <summary>
/// The console's sign-in: an API key checked against the same <see cref="ApiKeyRing"/> as the API, turned into a
/// data-protected cookie ticket (HttpOnly, SameSite=Strict, Secure on https, path /console) holding the client id, the
/// roles and the key's SHA-256. Every request re-checks that hash against the ring, so removing a key from the
/// configuration ends its console sessions at their next click.
/// </summary>
public static class ConsoleSession
{
    public const string Scheme = "Console";
    public const string BasePath = "/console";
    public const string SignInPath = BasePath + "/sign-in";

    private const string KeyHashClaim = "payments:key_sha256";

    public static void Configure(CookieAuthenticationOptions cookie)
    {
        ArgumentNullException.ThrowIfNull(cookie);
        cookie.Cookie.Name = "payments_console";
        cookie.Cookie.Path = BasePath;
        cookie.Cookie.HttpOnly = true;
        cookie.Cookie.SameSite = SameSiteMode.Strict;
        cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        cookie.LoginPath = SignInPath;
        cookie.LogoutPath = BasePath + "/sign-out";
        cookie.AccessDeniedPath = BasePath + "/forbidden";
        cookie.ReturnUrlParameter = "return_to";
        cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
        cookie.SlidingExpiration = true;
        cookie.Events.OnValidatePrincipal = StillKnown;
    }

    /// <summary>Met by a signed-in console session holding one of <paramref name="roles"/>.</summary>
    public static AuthorizationPolicy Requiring(params string[] roles) =>
        new AuthorizationPolicyBuilder(Scheme).RequireAuthenticatedUser().RequireRole(roles).Build();

    public static AuthorizationPolicy SignedIn { get; } = new AuthorizationPolicyBuilder(Scheme).RequireAuthenticatedUser().Build();

    /// <summary>The principal for a presented key, with the same claims the API's bearer scheme makes; null for an unknown key.</summary>
    public static ClaimsPrincipal? For(ApiKeyRing keys, string presentedKey)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var hash = ApiKeyRing.Hash(presentedKey);
        if (keys.AuthenticateHash(hash) is not { } client)
        {
            return null;
        }

        Claim[] claims =
        [
            new(ClaimTypes.NameIdentifier, client.ClientId),
            new(KeyHashClaim, Convert.ToHexStringLower(hash)),
            .. client.Roles.Select(role => new Claim(ClaimTypes.Role, role)),
        ];
        return new ClaimsPrincipal(new ClaimsIdentity(claims, Scheme));
    }

    private static Task StillKnown(CookieValidatePrincipalContext context)
    {
        var keys = context.HttpContext.RequestServices.GetRequiredService<ApiKeyRing>();
        var hash = context.Principal?.FindFirstValue(KeyHashClaim);
        var client = hash is { Length: 64 } ? keys.AuthenticateHash(Convert.FromHexString(hash)) : null;
        var held = (context.Principal?.FindAll(ClaimTypes.Role) ?? []).Select(c => c.Value).Order(StringComparer.Ordinal);
        if (client is null || client.ClientId != context.Principal?.FindFirstValue(ClaimTypes.NameIdentifier)
            || !client.Roles.Order(StringComparer.Ordinal).SequenceEqual(held))
        {
            context.RejectPrincipal();
            return context.HttpContext.SignOutAsync(Scheme);
        }

        return Task.CompletedTask;
    }
}
