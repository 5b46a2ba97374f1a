using Payments.Application.Audit;
using Payments.Embedded.Audit;
using Payments.Embedded.EventStore;
using Payments.TestServices;

namespace Payments.Embedded.Tests.Audit;

/// <summary>An exported bundle checks offline with nothing but itself and the pinned key; edits to it are caught.</summary>
public sealed class AuditBundleTests
{
    [Fact]
    public async Task An_exported_range_verifies_offline()
    {
        using var log = await AuditedLog.Create(4, 5);
        using var bundle = new TempDirectory();

        var written = await Export(log, bundle.Path, 5, 17);
        var report = await AuditBundle.Verify(bundle.Path, log.Checkpoint.PublicKey, default);

        Assert.Equal(13, written);
        Assert.True(report.IsIntact, string.Join("; ", report.Findings));
        Assert.Equal(13, report.EventsChecked);
    }

    [Fact]
    public async Task An_edited_event_line_is_named_by_its_position()
    {
        using var log = await AuditedLog.Create(4, 5);
        using var bundle = new TempDirectory();
        await Export(log, bundle.Path, 1, 20);
        var lines = await File.ReadAllLinesAsync(Path.Combine(bundle.Path, AuditBundle.EventsFile));
        lines[8] = lines[8].Replace("25.50", "25.59", StringComparison.Ordinal);
        await File.WriteAllLinesAsync(Path.Combine(bundle.Path, AuditBundle.EventsFile), lines);

        var report = await AuditBundle.Verify(bundle.Path, log.Checkpoint.PublicKey, default);

        Assert.Equal(9, Assert.Single(report.Findings).Position);
    }

    [Fact]
    public async Task A_re_chained_line_with_a_valid_hash_fails_its_inclusion_proof()
    {
        using var log = await AuditedLog.Create(2, 3);
        using var bundle = new TempDirectory();
        await Export(log, bundle.Path, 1, 6);
        var path = Path.Combine(bundle.Path, AuditBundle.EventsFile);
        var lines = await File.ReadAllLinesAsync(path);
        var line = System.Text.Json.JsonSerializer.Deserialize(lines[0], Payments.Application.Audit.Documents.AuditJsonContext.Default.AuditEventLine)!;
        var forged = line.ToStoredEvent() with { Data = line.Data.Replace("25.50", "99.50", StringComparison.Ordinal) };
        forged = forged with { Hash = Payments.EventStore.Integrity.EventHashChain.Compute(line.PreviousHash, forged) };
        lines[0] = System.Text.Json.JsonSerializer.Serialize(
            line with { Data = forged.Data, Hash = forged.Hash }, Payments.Application.Audit.Documents.AuditJsonContext.Default.AuditEventLine);
        await File.WriteAllLinesAsync(path, lines);

        var report = await AuditBundle.Verify(bundle.Path, log.Checkpoint.PublicKey, default);

        Assert.Contains(report.Findings, f => f.Position == 1 && f.Reason.Contains("inclusion proof", StringComparison.Ordinal));
    }

    private static async Task<long> Export(AuditedLog log, string directory, long from, long to)
    {
        await using var tree = SqliteAuditLog.OpenReadOnly(log.Tree);
        return await AuditBundle.Write(directory, SqliteEventLogReader.Open(log.Events), tree, log.Checkpoint, from, to, default);
    }
}
