using System.CommandLine;

namespace Payments.Bench;

/// <summary>
/// `all`: the closing note's figures in one go at the commands' defaults: api, pipeline (both runs, with the projector
/// lag table, so no separate `projector` run), append; one JSON document with --out.
/// </summary>
internal static class AllBenchmarks
{
    public static Command CreateCommand()
    {
        var output = BenchOutput.Option();
        var command = new Command("all", "api, pipeline --projector and append in sequence at their defaults (several minutes)") { output };
        command.SetAction(async (parse, ct) =>
        {
            var api = await ApiBenchmark.Run([500, 1000, 2000], 64, 15, ct);
            ApiBenchmark.Print(api);
            var pipeline = await PipelineBenchmark.Run(PipelineBenchmark.Settings([PipelineBenchmark.RampsRun, PipelineBenchmark.FastRun], 500, 1000, 60, 60), projector: true, ct);
            PipelineBenchmark.Print(pipeline, projector: true);
            var append = await BenchCommand.RunAppend([1, 16, 64], 5, new BenchBackends(Sqlite: true, DynamoDbUrl: null), ct);
            BenchCommand.PrintAppend(append);
            BenchOutput.Write(parse.GetValue(output), new AllReport(MachineDescription.Current(), api, pipeline, append), BenchJsonContext.Default.AllReport);
            return 0;
        });
        return command;
    }
}
