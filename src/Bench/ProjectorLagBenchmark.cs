using System.CommandLine;

namespace Payments.Bench;

/// <summary>
/// `projector`: the payments read model's append-to-visible lag under pipeline load (a shorter `pipeline` ramps run
/// with the checkpoint sampled every ~10 ms), and the projection consumer's catch-up throughput into an empty read model.
/// </summary>
internal static class ProjectorLagBenchmark
{
    public static Command CreateCommand()
    {
        var seconds = new Option<double>("--seconds") { Description = "Seconds of pipeline load", DefaultValueFactory = _ => 30 };
        var rate = new Option<int>("--rate") { Description = "POST/s offered (mock ramps at 100-300 ms)", DefaultValueFactory = _ => 500 };
        var payments = new Option<int>("--catch-up-payments") { Description = "Payments (5 events each) seeded for the catch-up throughput figure; 0 skips it", DefaultValueFactory = _ => 1000 };
        var output = BenchOutput.Option();
        var command = new Command("projector", "Read-model lag (append -> checkpoint covers it) p50/p99 under pipeline load, and catch-up records/s") { seconds, rate, payments, output };
        command.SetAction(async (parse, ct) =>
        {
            var settings = PipelineSettings.Ramps(parse.GetValue(rate), parse.GetValue(seconds), TimeSpan.FromSeconds(60));
            await Console.Error.WriteLineAsync($"projector: pipeline at {settings.Rate}/s for {settings.Seconds:F0} s, checkpoint sampled every {CheckpointSampler.Interval.TotalMilliseconds:F0} ms ...");
            var run = await PipelineBenchmark.Run(settings, projector: true, ct);
            var catchUp = parse.GetValue(payments) > 0 ? await ProjectorBenchmark.CatchUpSqlite(parse.GetValue(payments), ct) : null;
            var report = new ProjectorReport(MachineDescription.Current(), AutocannonLoad.Description, run.OfferedRate, run.Seconds, run.RampLatency, run.Projector!, catchUp);
            Console.WriteLine(report.Machine.Line);
            Console.WriteLine($"load: {report.Generator}");
            Print([(run.Name, run.OfferedRate, run.Projector!)]);
            if (catchUp is not null)
            {
                Console.WriteLine(new BenchTable("catch-up (empty read model)", "events", "records/s", "page size").Row("sqlite projection consumer", catchUp.Records, catchUp.RecordsPerSecond, catchUp.PageSize));
            }

            BenchOutput.Write(parse.GetValue(output), report, BenchJsonContext.Default.ProjectorReport);
            return 0;
        });
        return command;
    }

    public static void Print(IEnumerable<(string Run, int OfferedRate, ProjectorLag Lag)> runs)
    {
        Console.WriteLine(
            $"projector lag: first time the payments-projection checkpoint (payments.db) was seen covering an event minus its recorded_at; sampled every {CheckpointSampler.Interval.TotalMilliseconds:F0} ms (an upper bound by up to one interval)");
        Console.WriteLine("target: p99 < 100 ms");
        var table = new BenchTable("run", "offered/s", "events", "uncovered", "p50 ms", "p90 ms", "p99 ms", "max ms", "checkpoint reads");
        foreach (var (run, rate, lag) in runs)
        {
            table.Row(run, rate, lag.Events, lag.Uncovered, lag.LagMs.P50, lag.LagMs.P90, lag.LagMs.P99, lag.LagMs.Max, lag.CheckpointReads);
        }

        Console.WriteLine(table);
    }
}
