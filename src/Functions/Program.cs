using System.CommandLine;
using Payments.Functions.Cli;
using Payments.Functions.Hosting;
using Payments.Functions.Lambda.Runtime;

var root = new RootCommand("Payments ledger: event-sourced stablecoin-sandwich payments")
{
    ServeCommand.Create(),
    DemoCommand.Create(),
    VerifyCommand.Create(),
    AuditCommand.Create(),
    ReplayCommand.Create(),
    ExportCommand.Create(),
    ProjectionsCommand.Create(),
    LambdaCommand.Create(),
    SmokeCommand.Create(),
    WebhooksCommand.Create(),
    ReconcileCommand.Create(),
};
return await root.Parse(args).InvokeAsync();
