using System.CommandLine;

namespace Payments.Functions.Tests.Cli;

/// <summary>A command invoked as the executable would invoke it, with its standard output and error captured.</summary>
internal sealed record CliRun(int Exit, string Output, string Error)
{
    public static async Task<CliRun> Of(Command command, params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = await command.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return new CliRun(exit, output.ToString(), error.ToString());
    }
}
