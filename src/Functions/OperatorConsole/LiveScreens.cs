using Microsoft.AspNetCore.Mvc;
using Payments.Functions.Api;
using Payments.Functions.OperatorConsole.Components;
using Payments.Functions.OperatorConsole.Live;

namespace Payments.Functions.OperatorConsole;

/// <summary>The Live page, and the fragment its script fetches every 5 seconds.</summary>
public static class LiveScreens
{
    public static IResult Show(HttpContext http, [FromServices] LiveMetrics metrics, [FromServices] TimeProvider time) =>
        ConsoleResults.Page<LivePage>(
            StatusCodes.Status200OK, ("Caller", ApiCaller.Client(http)), ("Charts", LiveCharts.From(metrics.Samples())), ("UpdatedAt", time.GetUtcNow()));

    public static IResult Figures([FromServices] LiveMetrics metrics, [FromServices] TimeProvider time) =>
        ConsoleResults.Page<LiveFigures>(StatusCodes.Status200OK, ("Charts", LiveCharts.From(metrics.Samples())), ("UpdatedAt", time.GetUtcNow()));
}
