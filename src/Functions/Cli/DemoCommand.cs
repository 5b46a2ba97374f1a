using Payments.Embedded;
using System.CommandLine;
using Payments.Domain.Decisions;
using Payments.Domain.Requests;
using Payments.EventStore.Contract;
using Payments.EventStore.Integrity;
using Payments.Embedded.EventStore;
using Payments.Application.Ledger;

namespace Payments.Functions.Cli;

/// <summary>
/// `demo`: records one payment in the embedded store, walks it through the sandwich with fixed
/// ramp results, then replays and verifies its history from the file.
/// </summary>
internal static class DemoCommand
{
    public static Command Create()
    {
        var dataDir = DataDirectory.CreateOption();
        var command = new Command("demo", "Record, process, replay and verify one payment in the embedded store") { dataDir };
        command.SetAction((parse, ct) => Run(DataDirectory.Resolve(parse.GetValue(dataDir)), ct));
        return command;
    }

    private static async Task<int> Run(string dataDir, CancellationToken cancellationToken)
    {
        await using var store = SqliteEventStore.Open(new DataDirectoryLayout(dataDir).Events, TimeProvider.System);
        var ledger = new PaymentLedger(store, TimeProvider.System);
        var metadata = new EventMetadata(Guid.NewGuid().ToString("N"), null, "demo");
        PaymentRequestValidator.Validate(new PaymentRequest(250.00m, "EUR", "DE89370400440532013000", "MX-CLABE-032180000118359719"), out var request);
        var key = IdempotencyKey.Parse("demo-" + Guid.NewGuid().ToString("N"));

        var outcome = (RequestOutcome.Accepted)await ledger.Request("demo", key, request!, metadata, cancellationToken);
        var id = outcome.Payment.PaymentId;
        await ledger.Execute(id, new PaymentCommand.StartProcessing(), metadata, cancellationToken);
        await ledger.Execute(id, new PaymentCommand.CompleteOnRamp("onramp-demo-1", 270.00m, 1.08m), metadata, cancellationToken);
        var final = await ledger.Execute(id, new PaymentCommand.CompleteOffRamp("offramp-demo-1", 4_590.00m, 17m), metadata, cancellationToken);

        var history = await store.ReadStream(StreamId.For(id), 1, cancellationToken);
        Console.WriteLine($"payment {id} is {final.State.Status} ({history.Count} events in {new DataDirectoryLayout(dataDir).Events})");
        foreach (var e in history)
        {
            Console.WriteLine($"  v{e.Version} @{e.Position} {e.Type,-26} {e.Hash[..16]}…");
        }

        var verdict = EventHashChain.Verify(history);
        Console.WriteLine(verdict.IsIntact ? $"hash chain intact over {verdict.EventsChecked} events" : $"hash chain BROKEN at v{verdict.BrokenAtVersion}: {verdict.Reason}");
        return verdict.IsIntact ? 0 : 1;
    }
}
