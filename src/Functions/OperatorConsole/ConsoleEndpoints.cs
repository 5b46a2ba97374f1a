using System.Reflection;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Payments.Application.Operations;
using Payments.Application.Reconciliation;
using Payments.Application.Sweeping;
using Payments.Application.Webhooks.Replay;
using Payments.Functions.OperatorConsole.Live;

namespace Payments.Functions.OperatorConsole;

/// <summary>
/// The operator console at <c>/console</c>: server-rendered Razor components behind a cookie session of its own (the
/// API's bearer keys are untouched), antiforgery on every form, and the pages each role may open. Pages whose
/// services a host lacks (the cloud has no embedded queues) are not mapped there.
/// </summary>
public static class ConsoleEndpoints
{
    private const string ContentSecurityPolicy = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    /// <param name="keysDirectory">Where the Data Protection keys that seal session cookies live, so a restart keeps sessions; null keeps them in memory.</param>
    public static IServiceCollection AddOperatorConsole(this IServiceCollection services, string? keysDirectory)
    {
        services.AddRazorComponents();
        services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = "payments_console_csrf";
            antiforgery.Cookie.Path = ConsoleSession.BasePath;
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        var protection = services.AddDataProtection().SetApplicationName("payments-console");
        if (keysDirectory is not null)
        {
            protection.PersistKeysToFileSystem(new DirectoryInfo(keysDirectory));
        }

        services.AddAuthentication().AddCookie(ConsoleSession.Scheme, ConsoleSession.Configure);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new LiveMetrics(sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<LiveMetricsTicker>();
        return services;
    }

    public static IEndpointRouteBuilder MapOperatorConsole(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var services = app.ServiceProvider;
        var console = app.MapGroup(ConsoleSession.BasePath).ExcludeFromDescription().AddEndpointFilter(Guarded);
        console.MapGet("/assets/{name}", Asset).AllowAnonymous();
        console.MapGet("/sign-in", SignInScreens.Form).AllowAnonymous();
        console.MapPost("/sign-in", SignInScreens.SignIn).AllowAnonymous();

        var signedIn = console.MapGroup("").RequireAuthorization(ConsoleSession.SignedIn);
        signedIn.MapGet("", SignInScreens.Home);
        signedIn.MapPost("/sign-out", (Delegate)SignInScreens.SignOut);
        signedIn.MapGet("/forbidden", SignInScreens.Forbidden);

        var payments = console.MapGroup("/payments").RequireAuthorization(ConsoleSession.Requiring(ConsoleRoles.Payments));
        payments.MapGet("", PaymentScreens.Search);
        payments.MapGet("{id}", PaymentScreens.Show);
        if (Has<WebhookReplay>(services))
        {
            payments.MapPost("{id}/deliveries/{deliveryId}/redeliver", PaymentScreens.Redeliver)
                .RequireAuthorization(ConsoleSession.Requiring(ConsoleRoles.Redeliver));
        }

        var attention = console.MapGroup("/attention").RequireAuthorization(ConsoleSession.Requiring(ConsoleRoles.Attention));
        attention.MapGet("", AttentionScreens.Show);
        if (Has<IJobRequeue>(services))
        {
            attention.MapPost("/stalled/{id:guid}/requeue", AttentionScreens.RequeueStalled);
        }

        if (Has<OperatorRecovery>(services))
        {
            attention.MapPost("/parked/{consumer}/{position:long}/rerun", AttentionScreens.Rerun);
            attention.MapPost("/jobs/{messageId}/requeue", AttentionScreens.RequeueJob);
            attention.MapPost("/webhooks/{messageId}/redeliver", AttentionScreens.RedeliverWebhook);
        }

        if (Has<PaymentReconciler>(services))
        {
            var reconciliation = console.MapGroup("").RequireAuthorization(ConsoleSession.Requiring(ConsoleRoles.Reconciliation));
            reconciliation.MapGet("/reconciliation", ReconciliationScreens.Show);
            reconciliation.MapGet("/reconciliation.csv", ReconciliationScreens.Csv);
        }

        var live = console.MapGroup("/live").RequireAuthorization(ConsoleSession.Requiring(ConsoleRoles.Live));
        live.MapGet("", LiveScreens.Show);
        live.MapGet("/figures", LiveScreens.Figures);
        return app;
    }

    /// <summary>
    /// Every console response: no caching (pages show payments), a strict content security policy (no inline script),
    /// and for a POST a valid antiforgery token, or a 400 page before the handler runs.
    /// </summary>
    private static async ValueTask<object?> Guarded(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var headers = http.Response.Headers;
        headers.CacheControl = "no-store";
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        if (HttpMethods.IsPost(http.Request.Method)
            && !await http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http))
        {
            return ConsoleResults.Message(http, StatusCodes.Status400BadRequest, "Form expired", "The form was stale or not sent by this console. Go back, reload the page and try again.");
        }

        return await next(context);
    }

    /// <summary>Whether the host registered <typeparamref name="T"/>, asked without building it (a cloud factory may need settings a deployment left out).</summary>
    internal static bool Has<T>(IServiceProvider services) => services.GetRequiredService<IServiceProviderIsService>().IsService(typeof(T));

    private static IResult Asset(string name)
    {
        var type = name.EndsWith(".css", StringComparison.Ordinal) ? "text/css; charset=utf-8" : name.EndsWith(".js", StringComparison.Ordinal) ? "text/javascript; charset=utf-8" : null;
        var stream = type is null ? null : Assembly.GetExecutingAssembly().GetManifestResourceStream("console/" + name);
        return stream is null ? Results.NotFound() : Results.Stream(stream, type);
    }
}
