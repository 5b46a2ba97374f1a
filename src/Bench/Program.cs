using System.CommandLine;
using Payments.Bench;

var root = new RootCommand("Payments ledger benchmarks (figures for closing notes; never tests): load commands end to end, `micro` for BenchmarkDotNet");
foreach (var command in BenchCommand.Create())
{
    root.Add(command);
}

return await root.Parse(args).InvokeAsync();
