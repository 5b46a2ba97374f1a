using Payments.Embedded;
using System.CommandLine;
using Payments.EventStore.Contract;
using Payments.EventStore.Integrity;
using Payments.Embedded.EventStore;

namespace Payments.Functions.Cli;

/// <summary>`verify`: the auditor's check. Recomputes every stream's hash chain from the embedded log.</summary>
internal static class VerifyCommand
{
    public static Command Create()
    {
        var dataDir = DataDirectory.CreateOption();
        var command = new Command("verify", "Recompute the hash chain of every payment in the embedded store; exit 1 on any break") { dataDir };
        command.SetAction((parse, ct) => Run(DataDirectory.Resolve(parse.GetValue(dataDir)), ct));
        return command;
    }

    private static async Task<int> Run(string dataDir, CancellationToken cancellationToken)
    {
        await using var store = SqliteEventStore.Open(new DataDirectoryLayout(dataDir).Events, TimeProvider.System);
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
        return broken == 0 ? 0 : 1;
    }
}
