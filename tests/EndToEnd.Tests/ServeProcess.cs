using System.Diagnostics;
using Payments.TestServices;

namespace Payments.EndToEnd.Tests;

/// <summary>Runs the real `payments` executable (the test's copy of payments.dll): `serve` on a free loopback port, or any other command.</summary>
internal static class ServeProcess
{
    public static async Task<ServiceProcess> Start(string dataDirectory, string? apiKeys, params string[] extraArguments)
    {
        var port = LoopbackPort.Free();
        var start = Serve(dataDirectory, apiKeys, port, extraArguments);
        return await ServiceProcess.Start(start, port, TimeSpan.FromSeconds(60));
    }

    public static ProcessStartInfo Serve(string dataDirectory, string? apiKeys, int port, params string[] extraArguments)
    {
        var start = Payments(["serve", "--urls", $"http://127.0.0.1:{port}", "--data-dir", dataDirectory, .. extraArguments]);
        start.Environment["PAYMENTS_API_KEYS"] = apiKeys ?? "";
        return start;
    }

    public static ProcessStartInfo Payments(params string[] arguments)
    {
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "payments.dll"));
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return start;
    }
}
