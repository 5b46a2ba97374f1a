using System.CommandLine;
using System.Text.Json;
using Payments.Domain.Serialization;
using Payments.EventStore.Contract;
using Payments.Functions.Cli.Export;

namespace Payments.Functions.Cli;

/// <summary>
/// `export --from --to --format ndjson|csv`: finance's extract of the events recorded in a window, in global order,
/// read-only from the embedded log (safe beside a running <c>serve</c>). Standard output by default; <c>--out</c>
/// replaces a file atomically. Exit 2 when the arguments or the data directory are wrong.
/// </summary>
internal static class ExportCommand
{
    public const int Unreadable = 1;
    public const int BadInput = 2;

    public static Command Create()
    {
        var dataDir = DataDirectory.CreateOption();
        var from = new Option<string>("--from") { Description = "Start of the window, inclusive: an RFC 3339 recorded time, e.g. 2026-03-01T00:00:00Z (required)" };
        var to = new Option<string>("--to") { Description = "End of the window, exclusive: an RFC 3339 recorded time (required)" };
        var format = new Option<string>("--format") { Description = "ndjson (one JSON object per event) or csv (RFC 4180, fixed money columns)", DefaultValueFactory = _ => "ndjson" };
        format.CompletionSources.Add("ndjson", "csv");
        var output = new Option<string?>("--out") { Description = "Write to this file (replaced atomically) instead of standard output" };
        var command = new Command("export", "Export the events recorded in [--from, --to) in global order, as JSON Lines or CSV") { from, to, format, output, dataDir };
        command.SetAction((parse, ct) => Run(
            ExportRequest.Parse(parse.GetValue(from), parse.GetValue(to), parse.GetValue(format), parse.GetValue(output)),
            DataDirectory.Resolve(parse.GetValue(dataDir)),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error,
            ct));
        return command;
    }

    private static async Task<int> Run(
        (ExportRequest? Request, string? Error) parsed, string dataDir, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (parsed.Request is not { } request)
        {
            await error.WriteLineAsync(parsed.Error);
            return BadInput;
        }

        if (await DataDirectory.OpenEventLog(dataDir, "export", error) is not { } log)
        {
            return BadInput;
        }

        try
        {
            var count = 0L;
            async Task Export(TextWriter target) => count = await Write(log, request, target, cancellationToken);
            await (request.Out is null ? Export(output) : AtomicTextFile.Write(request.Out, Export, cancellationToken));
            await error.WriteLineAsync($"exported {count} events recorded in [{request.From:O}, {request.To:O}) as {request.Format.ToString().ToLowerInvariant()}{(request.Out is null ? "" : " to " + request.Out)}");
            return 0;
        }
        catch (Exception e) when (e is UnknownEventTypeException or JsonException)
        {
            await error.WriteLineAsync($"The log holds an event this build cannot read as a payment event: {e.Message}");
            return Unreadable;
        }
    }

    private static async Task<long> Write(IEventLog log, ExportRequest request, TextWriter target, CancellationToken cancellationToken)
    {
        IEventExportWriter writer = request.Format == ExportFormat.Csv ? new CsvExportWriter(target, log) : new NdjsonExportWriter(target);
        await writer.Begin(cancellationToken);
        var count = 0L;
        await foreach (var stored in EventLogWindow.Read(log, request.From, request.To, cancellationToken))
        {
            await writer.Write(stored, cancellationToken);
            count++;
        }

        await target.FlushAsync(cancellationToken);
        return count;
    }
}
