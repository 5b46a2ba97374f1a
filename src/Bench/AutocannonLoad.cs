using System.Diagnostics;
using System.Text.Json;

namespace Payments.Bench;

/// <summary>
/// The outside load generator: autocannon (pinned in package.json) in a node process, through Load/autocannon-driver.js,
/// POSTing payments with a unique Idempotency-Key each. Open loop offers a fixed rate (spread over <see cref="Slots"/>
/// staggered autocannon instances, <see cref="PerConnectionRate"/> requests per second per connection); closed loop keeps
/// N connections busy.
/// </summary>
internal static class AutocannonLoad
{
    public const int Slots = 50;
    public const int PerConnectionRate = 5;
    private const int TimeoutSeconds = 10;
    private const string Body = """{"amount":"125.50","currency":"EUR","source_account":"DE89370400440532013000","destination_account":"MX-CLABE-032180000118359719"}""";

    public static string Description =>
        $"autocannon (node, separate process) POST /payments, unique Idempotency-Key each; open loop = {Slots} instances started {1000 / Slots} ms apart, "
        + $"{PerConnectionRate} req/s per connection (rate/{PerConnectionRate} connections); latency = send to answer, 2xx only";

    public static Task<LoadRun> Open(ServeProcess serve, int rate, double seconds, CancellationToken cancellationToken) =>
        Run(Config(serve, "open", rate, 0, seconds), cancellationToken);

    public static Task<LoadRun> Closed(ServeProcess serve, int connections, double seconds, CancellationToken cancellationToken) =>
        Run(Config(serve, "closed", 0, connections, seconds), cancellationToken);

    private static LoadDriverConfig Config(ServeProcess serve, string mode, int rate, int connections, double seconds) =>
        new(serve.Address.ToString().TrimEnd('/'), ServeProcess.Key, "bench-" + Guid.NewGuid().ToString("N")[..8], Body, mode, rate, connections, Slots, PerConnectionRate, seconds, TimeoutSeconds);

    private static async Task<LoadRun> Run(LoadDriverConfig config, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("node")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Load", "autocannon-driver.js"));
        start.ArgumentList.Add(JsonSerializer.Serialize(config, BenchJsonContext.Default.LoadDriverConfig));
        start.Environment["NODE_PATH"] = NodeModules();
        using var node = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        try
        {
            var output = node.StandardOutput.ReadToEndAsync(cancellationToken);
            var errors = node.StandardError.ReadToEndAsync(cancellationToken);
            await node.WaitForExitAsync(cancellationToken);
            if (node.ExitCode != 0)
            {
                throw new InvalidOperationException($"the autocannon driver exited with {node.ExitCode}: {await errors}");
            }

            return JsonSerializer.Deserialize(await output, BenchJsonContext.Default.LoadRun)
                ?? throw new InvalidDataException("the autocannon driver printed nothing");
        }
        finally
        {
            if (!node.HasExited)
            {
                node.Kill(entireProcessTree: true);
            }
        }
    }

    /// <summary>The repository's node_modules (npm ci of package.json), found upward from the bench binary or the working directory.</summary>
    private static string NodeModules()
    {
        foreach (var from in new[] { AppContext.BaseDirectory, Environment.CurrentDirectory })
        {
            for (var directory = new DirectoryInfo(from); directory is not null; directory = directory.Parent)
            {
                var modules = Path.Combine(directory.FullName, "node_modules");
                if (Directory.Exists(Path.Combine(modules, "autocannon")))
                {
                    return modules;
                }
            }
        }

        throw new DirectoryNotFoundException("node_modules/autocannon not found above the bench or the working directory: run `npm ci` (./build.sh test does)");
    }
}
