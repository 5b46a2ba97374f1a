using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Mvc;
using Payments.Functions.Api;
using Payments.Functions.Api.Auth;
using Payments.Functions.OperatorConsole.Components;

namespace Payments.Functions.OperatorConsole;

/// <summary>Sign-in with an API key, sign-out, and the console's front door (the first page the caller's roles open).</summary>
public static class SignInScreens
{
    public static IResult Form(HttpContext http) =>
        ConsoleResults.Page<SignInPage>(StatusCodes.Status200OK, ("ReturnTo", LocalTarget(http.Request.Query["return_to"].ToString())));

    public static async Task<IResult> SignIn(HttpContext http, [FromServices] ApiKeyRing keys)
    {
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var target = LocalTarget(form["return_to"].ToString());
        if (ConsoleSession.For(keys, form["api_key"].ToString()) is not { } principal)
        {
            return ConsoleResults.Page<SignInPage>(StatusCodes.Status401Unauthorized, ("Refused", true), ("ReturnTo", target));
        }

        await http.SignInAsync(ConsoleSession.Scheme, principal);
        return Results.Redirect(target);
    }

    public static async Task<IResult> SignOut(HttpContext http)
    {
        await http.SignOutAsync(ConsoleSession.Scheme);
        return Results.Redirect(ConsoleSession.SignInPath);
    }

    public static IResult Home(HttpContext http)
    {
        var caller = ApiCaller.Client(http);
        return Results.Redirect(
            ConsoleRoles.Holds(caller, ConsoleRoles.Payments) ? "/console/payments"
            : ConsoleRoles.Holds(caller, ConsoleRoles.Reconciliation) ? "/console/reconciliation"
            : "/console/live");
    }

    public static IResult Forbidden(HttpContext http) =>
        ConsoleResults.Message(http, StatusCodes.Status403Forbidden, "Not for this key", "This page needs a role the signed-in API key does not hold.");

    /// <summary>Only a console path may follow sign-in: anything else (another host, <c>//evil</c>, <c>/\evil</c>) goes to the front door.</summary>
    public static string LocalTarget(string target) =>
        target.StartsWith(ConsoleSession.BasePath + "/", StringComparison.Ordinal) && !target.Contains("//", StringComparison.Ordinal) && !target.Contains('\\', StringComparison.Ordinal)
            ? target
            : ConsoleSession.BasePath;
}
