using System.Diagnostics;
using Payments.TestServices;

namespace Payments.EndToEnd.Tests;

/// <summary>Runs the real `payments serve` executable (the test's copy of payments.dll) on a free loopback port.</summary>
internal static class ServeProcess
{
    public static async Task<ServiceProcess> Start(string dataDirectory, string? apiKeys, params string[] extraArguments)
    {
        var port = LoopbackPort.Free();
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "payments.dll"), "serve", "--urls", $"http://127.0.0.1:{port}", "--data-dir", dataDirectory }.Concat(extraArguments))
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["PAYMENTS_API_KEYS"] = apiKeys ?? "";
        return await ServiceProcess.Start(start, port, TimeSpan.FromSeconds(60));
    }
}
