using System.CommandLine;
using System.Text.Json;
using Payments.Embedded;
using Payments.EventStore.Contract;
using Payments.Functions.Cli.Replay;

namespace Payments.Functions.Cli;

/// <summary>
/// `replay PAYMENT_ID`: the auditor's walk through one payment's history, each event with the state the fold reaches
/// after it; a table for people, <c>--json</c> for tools. Reads the embedded log read-only, like <c>verify</c>.
/// </summary>
internal static class ReplayCommand
{
    public const int UnreadableHistory = 1;
    public const int NotFound = 2;

    private static readonly CliJsonContext Indented = new(new JsonSerializerOptions(CliJsonContext.Default.Options) { WriteIndented = true });

    public static Command Create()
    {
        var dataDir = DataDirectory.CreateOption();
        var paymentId = new Argument<string>("PAYMENT_ID") { Description = "The payment to replay (its UUID)" };
        var json = new Option<bool>("--json") { Description = "One JSON document for tools instead of the table" };
        var command = new Command("replay", "Print each event of a payment with the state after it") { paymentId, json, dataDir };
        command.SetAction((parse, ct) => Run(
            DataDirectory.Resolve(parse.GetValue(dataDir)),
            parse.GetValue(paymentId)!,
            parse.GetValue(json),
            parse.InvocationConfiguration.Output,
            parse.InvocationConfiguration.Error,
            ct));
        return command;
    }

    private static async Task<int> Run(string dataDir, string id, bool json, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        if (!Guid.TryParse(id, out var paymentId))
        {
            await error.WriteLineAsync($"'{id}' is not a payment id (a UUID such as 0198c3a4-5b6e-7f80-9a1b-2c3d4e5f6a7b).");
            return NotFound;
        }

        if (await DataDirectory.OpenEventLog(dataDir, "replay", error) is not { } log)
        {
            return NotFound;
        }

        var stream = await log.ReadStream(StreamId.For(paymentId), 1, cancellationToken);
        if (stream.Count == 0)
        {
            await error.WriteLineAsync($"No payment {paymentId} in {new DataDirectoryLayout(dataDir).Events}.");
            return NotFound;
        }

        var replay = PaymentReplay.Of(stream);
        if (json)
        {
            await output.WriteLineAsync(Document(paymentId, replay));
        }
        else
        {
            await ReplayTable.Write(paymentId, replay, output);
        }

        if (replay.Failure is null)
        {
            return 0;
        }

        await error.WriteLineAsync($"The history cannot be folded past {replay.Failure}");
        return UnreadableHistory;
    }

    private static string Document(Guid paymentId, PaymentReplay replay) => JsonSerializer.Serialize(
        new ReplayDocument(paymentId, [.. replay.Steps.Select(ReplayedEvent.From)]),
        Indented.ReplayDocument);
}
