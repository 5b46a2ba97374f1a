using Payments.Embedded;
using System.CommandLine;
using Payments.EventStore.Contract;
using Payments.EventStore.Integrity;
using Payments.Embedded.EventStore;

namespace Payments.Functions.Cli;

/// <summary>
/// `verify`: the auditor's check. Recomputes every stream's hash chain from the embedded log, opened read-only so it is
/// safe beside a running `serve` (it never writes, creates or checkpoints anything).
/// </summary>
internal static class VerifyCommand
{
    public const int Broken = 1;
    public const int NoEventLog = 2;

    public static Command Create()
    {
        var dataDir = DataDirectory.CreateOption();
        var command = new Command("verify", "Recompute the hash chain of every payment in the embedded store; exit 1 on any break") { dataDir };
        command.SetAction((parse, ct) => Run(DataDirectory.Resolve(parse.GetValue(dataDir)), ct));
        return command;
    }

    private static async Task<int> Run(string dataDir, CancellationToken cancellationToken)
    {
        SqliteEventLogReader store;
        try
        {
            store = SqliteEventLogReader.Open(new DataDirectoryLayout(dataDir).Events);
        }
        catch (FileNotFoundException e)
        {
            await Console.Error.WriteLineAsync($"{e.Message} Nothing to verify; is --data-dir the directory `serve` uses?");
            return NoEventLog;
        }

        var streams = await EventLogStreams.All(store, cancellationToken);
        var broken = 0;
        long events = 0;
        foreach (var stream in streams)
        {
            var verdict = EventHashChain.Verify(await store.ReadStream(stream, 1, cancellationToken));
            events += verdict.EventsChecked;
            if (!verdict.IsIntact)
            {
                broken++;
                Console.WriteLine($"BROKEN {stream} at v{verdict.BrokenAtVersion}: {verdict.Reason}");
            }
        }

        Console.WriteLine($"{streams.Count} payments, {events} events verified, {broken} broken");
        return broken == 0 ? 0 : Broken;
    }
}
