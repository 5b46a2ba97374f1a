using System.CommandLine;
using Payments.Application.Audit;
using Payments.Embedded;
using Payments.Embedded.Audit;

namespace Payments.Functions.Cli;

/// <summary>
/// `verify`: the quick check. Walks the embedded log once, read-only (safe beside a running `serve`: it never writes,
/// creates or checkpoints anything), and checks position contiguity, every payment's versions and hash chain, and the
/// stored audit tree's leaves. `audit verify` adds the signed checkpoint.
/// </summary>
internal static class VerifyCommand
{
    public const int Broken = 1;
    public const int NoEventLog = 2;

    public static Command Create()
    {
        var dataDir = DataDirectory.CreateOption();
        var command = new Command("verify", "Recompute every payment's hash chain and check positions are contiguous; exit 1 on any break") { dataDir };
        command.SetAction((parse, ct) => Run(DataDirectory.Resolve(parse.GetValue(dataDir)), ct));
        return command;
    }

    private static async Task<int> Run(string dataDir, CancellationToken cancellationToken)
    {
        var files = new DataDirectoryLayout(dataDir);
        if (await DataDirectory.OpenEventLog(files.Directory, "verify", Console.Error) is not { } store)
        {
            return NoEventLog;
        }

        await using var tree = File.Exists(files.Audit) ? SqliteAuditLog.OpenReadOnly(files.Audit) : null;
        var report = await new LogAudit(store, tree).Verify(null, null, null, cancellationToken);
        foreach (var finding in report.Findings)
        {
            Console.WriteLine($"BROKEN at position {finding.Position}: {finding.Reason}");
        }

        Console.WriteLine($"{report.Streams} payments, {report.EventsChecked} events verified, {report.Findings.Count} broken");
        return report.IsIntact ? 0 : Broken;
    }
}
