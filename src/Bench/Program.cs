using System.CommandLine;
using Payments.Bench;
using Payments.Bench.Micro;

var root = new RootCommand("Payments ledger benchmarks (figures for closing notes; never tests): load commands end to end, `micro` for BenchmarkDotNet");
foreach (var command in BenchCommand.Create())
{
    root.Add(command);
}

root.Add(MicroBenchmarkCommand.Create());

return await root.Parse(args).InvokeAsync();
