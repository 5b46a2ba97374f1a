using System.CommandLine;
using System.Diagnostics;

namespace Payments.Bench;

/// <summary>
/// `pipeline`: a real serve under a fixed offered rate of POSTs (autocannon, open loop) while its dispatcher, worker and
/// mock ramps process them; then 202 → COMPLETED from the server's own recorded_at, whether the backlog stayed flat, and
/// (with --projector) the read model's append-to-visible lag. Two runs: the ramps' real 100–300 ms, and 0 ms at a higher rate.
/// </summary>
internal static class PipelineBenchmark
{
    public const string RampsRun = "ramps";
    public const string FastRun = "fast";

    public static Command CreateCommand()
    {
        var seconds = new Option<double>("--seconds") { Description = "Seconds of offered load per run", DefaultValueFactory = _ => 60 };
        var rate = new Option<int>("--rate") { Description = "POST/s offered with the mock ramps' 100-300 ms latency", DefaultValueFactory = _ => 500 };
        var fastRate = new Option<int>("--fast-rate") { Description = "POST/s offered with 0 ms ramps", DefaultValueFactory = _ => 1000 };
        var drain = new Option<double>("--drain") { Description = "At most this many seconds after the load for the backlog to empty", DefaultValueFactory = _ => 60 };
        var runs = new Option<string[]>("--runs") { Description = "Which runs: ramps, fast", DefaultValueFactory = _ => [RampsRun, FastRun], AllowMultipleArgumentsPerToken = true };
        var projector = new Option<bool>("--projector") { Description = "Also sample the projection checkpoint every 10 ms and print the read model's lag" };
        var output = BenchOutput.Option();
        var command = new Command("pipeline", "202 -> COMPLETED and backlog under a fixed offered rate against a real serve (autocannon open loop)")
        {
            seconds, rate, fastRate, drain, runs, projector, output,
        };
        command.SetAction(async (parse, ct) =>
        {
            var settings = Settings(parse.GetValue(runs)!, parse.GetValue(rate), parse.GetValue(fastRate), parse.GetValue(seconds), parse.GetValue(drain));
            var report = await Run(settings, parse.GetValue(projector), ct);
            Print(report, parse.GetValue(projector));
            BenchOutput.Write(parse.GetValue(output), report, BenchJsonContext.Default.PipelineReport);
            return 0;
        });
        return command;
    }

    public static IReadOnlyList<PipelineSettings> Settings(IEnumerable<string> runs, int rate, int fastRate, double seconds, double drain) =>
        [.. runs.Select(run => run switch
        {
            RampsRun => PipelineSettings.Ramps(rate, seconds, TimeSpan.FromSeconds(drain)),
            FastRun => PipelineSettings.Fast(fastRate, seconds, TimeSpan.FromSeconds(drain)),
            _ => throw new ArgumentException($"Unknown run '{run}': use {RampsRun} or {FastRun}."),
        })];

    public static async Task<PipelineReport> Run(IReadOnlyList<PipelineSettings> settings, bool projector, CancellationToken cancellationToken)
    {
        var runs = new List<PipelineRun>();
        foreach (var run in settings)
        {
            await Console.Error.WriteLineAsync($"pipeline {run.Name}: {run.Rate}/s for {run.Seconds:F0} s, ramps {run.RampLatency} ...");
            runs.Add(await Run(run, projector, cancellationToken));
        }

        return new PipelineReport(MachineDescription.Current(), AutocannonLoad.Description, runs);
    }

    public static async Task<PipelineRun> Run(PipelineSettings settings, bool projector, CancellationToken cancellationToken)
    {
        await using var serve = await ServeProcess.Start(settings.Environment, cancellationToken);
        using var events = EventLogFile.Open(serve.Files.Events);
        using var backlog = new BacklogSampler(events, serve.Files.Jobs);
        await using var checkpoints = projector ? CheckpointSampler.Start(serve.Files.ReadModel) : null;
        var from = DateTimeOffset.UtcNow;
        var offered = AutocannonLoad.Open(serve, settings.Rate, settings.Seconds, cancellationToken);
        using var everySecond = new PeriodicTimer(TimeSpan.FromSeconds(1));
        while (!offered.IsCompleted)
        {
            await everySecond.WaitForNextTickAsync(cancellationToken);
            backlog.Sample(offered.IsCompleted ? BacklogSampler.DrainPhase : BacklogSampler.LoadPhase);
        }

        var load = await offered;
        var drain = Stopwatch.StartNew();
        var last = backlog.Sample(BacklogSampler.DrainPhase);
        while (last.Backlog > 0 && drain.Elapsed < settings.MaxDrain)
        {
            await everySecond.WaitForNextTickAsync(cancellationToken);
            last = backlog.Sample(BacklogSampler.DrainPhase);
        }

        var lag = checkpoints is null ? null : ProjectorLag.Of(events.EventsSince(from), await checkpoints.Stop(), checkpoints.Reads);
        var payments = events.PaymentsSince(from);
        var completed = payments.Where(p => p.Completed).ToList();
        var terminal = payments.Count(p => p.TerminalAt is not null);
        return new PipelineRun(
            settings.Name,
            settings.RampLatency,
            settings.Rate,
            settings.Seconds,
            load,
            payments.Count,
            completed.Count,
            terminal - completed.Count,
            payments.Count - terminal,
            Math.Round(drain.Elapsed.TotalSeconds, 1),
            LatencySummary.Of(completed.Select(p => p.AcceptedToTerminalMilliseconds!.Value)),
            BacklogSummary.Of(backlog.Series),
            backlog.Series,
            lag);
    }

    public static void Print(PipelineReport report, bool projector)
    {
        Console.WriteLine(report.Machine.Line);
        Console.WriteLine($"load: {report.Generator}");
        Console.WriteLine(
            "pipeline: 202 -> COMPLETED from events.db recorded_at (PaymentRequested to PaymentCompleted) of the payments that completed by the end of the drain; stuck = not terminal after the drain (not in the percentiles)");
        Console.WriteLine("targets: p95 <= 1 s at 500/s with 100-300 ms ramps; >= 1,000/s sustained with 0 ms ramps (flat backlog, nothing stuck)");
        var latency = new BenchTable("run", "ramps", "offered/s", "achieved/s", "payments", "completed", "failed", "stuck", "drain s", "p50 ms", "p95 ms", "p99 ms", "max ms");
        var backlog = new BenchTable("run", "finished/s", "backlog start", "middle", "end", "slope /s", "jobs start", "middle", "end", "POST p99 ms", "POST non-2xx", "timeouts");
        foreach (var run in report.Runs)
        {
            var t = run.AcceptedToCompletedMs;
            latency.Row(run.Name, run.RampLatency, run.OfferedRate, run.Load.AchievedRate, run.Payments, run.Completed, run.Failed, run.Stuck, run.DrainSeconds, t.P50, t.P95, t.P99, t.Max);
            var b = run.Backlog;
            backlog.Row(run.Name, b.FinishedPerSecond, b.Start, b.Middle, b.End, b.SlopePerSecond, b.JobsStart, b.JobsMiddle, b.JobsEnd, run.Load.LatencyMs.P99, run.Load.Non2xx, run.Load.Timeouts);
        }

        Console.WriteLine(latency);
        Console.WriteLine(
            "finished/s = payments reaching a terminal event per second during the load; backlog = requested but not terminal, sampled every second of the load (jobs = rows in jobs.db's queue); slope by least squares");
        Console.WriteLine(backlog);
        if (projector)
        {
            ProjectorLagBenchmark.Print(report.Runs.Where(r => r.Projector is not null).Select(r => (r.Name, r.OfferedRate, r.Projector!)));
        }
    }
}
