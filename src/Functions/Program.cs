using System.CommandLine;
using Payments.Functions.Cli;
using Payments.Functions.Cli.Bench;

var root = new RootCommand("Payments ledger: event-sourced stablecoin-sandwich payments")
{
    DemoCommand.Create(),
    VerifyCommand.Create(),
    BenchCommand.Create(),
    ProjectionsCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
