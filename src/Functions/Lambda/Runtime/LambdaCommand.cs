using System.CommandLine;
using System.ComponentModel.DataAnnotations;
using Payments.Functions.Hosting;
using Payments.Functions.Hosting.Telemetry;

namespace Payments.Functions.Lambda.Runtime;

/// <summary>`lambda &lt;function&gt;`: the process a custom-runtime Lambda runs (bootstrap: `payments lambda projector`).</summary>
internal static class LambdaCommand
{
    public static Command Create()
    {
        var function = new Argument<string>("function") { Description = "Which handler to run: " + string.Join(" | ", LambdaFunctions.Names) };
        function.AcceptOnlyFromAmong([.. LambdaFunctions.Names]);
        var command = new Command("lambda", "Serve Lambda invocations from AWS_LAMBDA_RUNTIME_API with one of the cloud handlers") { function };
        command.SetAction((parse, ct) => Run(parse.GetValue(function)!, ct));
        return command;
    }

    private static async Task<int> Run(string function, CancellationToken cancellationToken)
    {
        var environment = new ConfigurationBuilder().AddEnvironmentVariables().Build();
        var runtimeApi = environment["AWS_LAMBDA_RUNTIME_API"];
        if (string.IsNullOrEmpty(runtimeApi))
        {
            await Console.Error.WriteLineAsync("AWS_LAMBDA_RUNTIME_API is not set: `payments lambda` runs inside a Lambda custom runtime.");
            return 2;
        }

        using var loggers = LoggerFactory.Create(logging => PaymentsTelemetry.WithTraceIds(logging).AddJsonConsole(json =>
        {
            json.UseUtcTimestamp = true;
            json.IncludeScopes = true;
        }));
        using var http = LambdaRuntimeClient.CreateHttpClient(runtimeApi);
        var runtime = new LambdaRuntimeClient(http);
        var logger = loggers.CreateLogger("Payments.Lambda");
        Func<string, CancellationToken, Task<string>> handler;
        LambdaTelemetry telemetry;
        try
        {
            var settings = CloudOptions.From(new ConfigurationBuilder().AddEnvironmentVariables(PaymentsConfiguration.EnvironmentPrefix).Build());
            telemetry = LambdaTelemetry.Start(settings.Telemetry, function);
            handler = telemetry.Around(await LambdaFunctions.Create(function, settings, loggers, cancellationToken));
        }
        catch (Exception error) when (error is InvalidOperationException or ArgumentException or UriFormatException or ValidationException or FormatException)
        {
            LambdaRuntimeLog.InitFailed(logger, error, function);
            await runtime.ReportInitError(error, cancellationToken);
            return 1;
        }

        using (telemetry)
        {
            await LambdaRuntimeLoop.Run(runtime, handler, TimeProvider.System, logger, cancellationToken);
        }

        return 0;
    }
}
