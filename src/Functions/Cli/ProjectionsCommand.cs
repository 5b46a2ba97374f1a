using System.CommandLine;
using System.Diagnostics;
using Payments.EventStore.Sqlite;
using Payments.Projections.Embedded;
using Payments.Projections.Sqlite;

namespace Payments.Functions.Cli;

/// <summary>
/// `projections rebuild`: recomputes the embedded payments table from the event log. The
/// projector only writes rows, so a rebuild never re-sends a webhook or calls a ramp.
/// </summary>
internal static class ProjectionsCommand
{
    public static Command Create()
    {
        var dataDir = DataDirectory.CreateOption();
        var rebuild = new Command("rebuild", "Recompute the payments read model from the event log (no side effects are replayed)") { dataDir };
        rebuild.SetAction((parse, ct) => Rebuild(parse.GetValue(dataDir)!, ct));
        return new Command("projections", "Read models derived from the event log") { rebuild };
    }

    /// <summary>Where the embedded payments read model lives: next to the event log, in its own file.</summary>
    public static string ReadModelPath(string dataDir) => Path.Combine(Path.GetFullPath(dataDir), SqlitePaymentReadModel.DefaultFileName);

    private static async Task<int> Rebuild(string dataDir, CancellationToken cancellationToken)
    {
        await using var store = SqliteEventStore.Open(DataDirectory.EventsPath(dataDir), TimeProvider.System);
        var model = SqlitePaymentReadModel.Open(ReadModelPath(dataDir));
        var started = Stopwatch.GetTimestamp();
        var applied = await new EmbeddedPaymentProjection(store, model).Rebuild(cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        Console.WriteLine($"rebuilt {ReadModelPath(dataDir)} from {applied} events in {elapsed.TotalSeconds:F2} s (checkpoint {await model.Checkpoint(cancellationToken)})");
        return 0;
    }
}
