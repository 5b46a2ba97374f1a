using System.CommandLine;

namespace Payments.Bench;

/// <summary>
/// `api`: POST /payments latency from an outside load generator (autocannon) against a real `payments serve` process,
/// at fixed offered rates (open loop) and with N busy connections (closed loop). Each load gets a fresh serve; its worker
/// processes the accepted payments throughout, so every row is POST latency while the pipeline runs at full tilt.
/// </summary>
internal static class ApiBenchmark
{
    private const int WarmUpRate = 200;

    public static Command CreateCommand()
    {
        var rates = new Option<int[]>("--rates") { Description = "Offered POST/s, one open-loop load each", DefaultValueFactory = _ => [500, 1000, 2000], AllowMultipleArgumentsPerToken = true };
        var connections = new Option<int>("--connections") { Description = "Connections of the closed-loop load (0 skips it)", DefaultValueFactory = _ => 64 };
        var seconds = new Option<double>("--seconds") { Description = "Measured seconds per load", DefaultValueFactory = _ => 15 };
        var output = BenchOutput.Option();
        var command = new Command("api", "POST /payments latency from autocannon against a real serve: open loop at fixed rates, closed loop at N connections")
        {
            rates, connections, seconds, output,
        };
        command.SetAction(async (parse, ct) =>
        {
            var report = await Run(parse.GetValue(rates)!, parse.GetValue(connections), parse.GetValue(seconds), ct);
            Print(report);
            BenchOutput.Write(parse.GetValue(output), report, BenchJsonContext.Default.ApiReport);
            return 0;
        });
        return command;
    }

    public static async Task<ApiReport> Run(int[] rates, int connections, double seconds, CancellationToken cancellationToken)
    {
        var rows = new List<ApiRow>();
        foreach (var rate in rates)
        {
            await Console.Error.WriteLineAsync($"api: open loop {rate}/s for {seconds:F0} s ...");
            rows.Add(await Row((serve, ct) => AutocannonLoad.Open(serve, rate, seconds, ct), cancellationToken));
        }

        if (connections > 0)
        {
            await Console.Error.WriteLineAsync($"api: closed loop {connections} connections for {seconds:F0} s ...");
            rows.Add(await Row((serve, ct) => AutocannonLoad.Closed(serve, connections, seconds, ct), cancellationToken));
        }

        return new ApiReport(MachineDescription.Current(), AutocannonLoad.Description, seconds, rows);
    }

    public static void Print(ApiReport report)
    {
        Console.WriteLine(report.Machine.Line);
        Console.WriteLine($"load: {report.Generator}");
        Console.WriteLine($"api: POST /payments against `payments serve` (own process, fresh data dir per load, mock ramps 100-300 ms, worker running), {report.SecondsPerRow:F0} s per load after a {WarmUpRate}/s warm-up");
        Console.WriteLine("target: POST p99 <= 10 ms at 1,000/s offered while the pipeline runs (the open 1000 row)");
        var table = new BenchTable("load", "offered/s", "achieved/s", "conns", "p50 ms", "p90 ms", "p99 ms", "max ms", "202", "non-2xx", "409", "timeouts", "errors", "pipeline done/s");
        foreach (var row in report.Rows)
        {
            var l = row.PostLatencyMs;
            table.Row(row.Mode, row.OfferedRate, row.AchievedRate, row.Connections, l.P50, l.P90, l.P99, l.Max, row.Accepted, row.Non2xx, row.Conflicts, row.Timeouts, row.Errors, row.PipelineFinishedPerSecond);
        }

        Console.WriteLine(table);
    }

    private static async Task<ApiRow> Row(Func<ServeProcess, CancellationToken, Task<LoadRun>> load, CancellationToken cancellationToken)
    {
        await using var serve = await ServeProcess.Start(PipelineSettings.Ramps(0, 0, TimeSpan.Zero).Environment, cancellationToken);
        await AutocannonLoad.Open(serve, WarmUpRate, 3, cancellationToken);
        var from = DateTimeOffset.UtcNow;
        var run = await load(serve, cancellationToken);
        var to = DateTimeOffset.UtcNow;
        using var events = EventLogFile.Open(serve.Files.Events);
        var finished = events.TerminalBetween(from, to) / (to - from).TotalSeconds;
        return new ApiRow(
            run.Mode == "open" ? $"open {run.OfferedRate}" : $"closed {run.Connections}",
            run.OfferedRate,
            run.AchievedRate,
            run.Connections,
            run.LatencyMs,
            run.Count(202),
            run.Non2xx,
            run.Count(409),
            run.Timeouts,
            run.Errors,
            finished);
    }
}
