using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http.HttpResults;
using Payments.Functions.Api;
using Payments.Functions.OperatorConsole.Components;

namespace Payments.Functions.OperatorConsole;

/// <summary>Server-rendered console pages: a Razor component with its parameters, as a minimal API result.</summary>
public static class ConsoleResults
{
    public static RazorComponentResult Page<TComponent>(int status = StatusCodes.Status200OK, params (string Name, object? Value)[] parameters)
        where TComponent : IComponent =>
        new RazorComponentResult<TComponent>(parameters.ToDictionary(p => p.Name, p => p.Value)) { StatusCode = status };

    public static RazorComponentResult Message(HttpContext http, int status, string title, string message) =>
        Page<MessagePage>(status, ("Title", title), ("Message", message), ("Caller", http.User.Identity?.IsAuthenticated == true ? ApiCaller.Client(http) : null));

    public static RazorComponentResult NotFound(HttpContext http, string what) =>
        Message(http, StatusCodes.Status404NotFound, "Not found", $"{what} does not exist, or this key may not see it.");

    /// <summary>Back to <paramref name="path"/> after a form, with a notice code (<see cref="ConsoleNotices"/>).</summary>
    public static IResult After(string path, string notice) => Results.Redirect($"{path}?notice={Uri.EscapeDataString(notice)}");
}
