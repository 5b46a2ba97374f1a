using Microsoft.Data.Sqlite;
using Payments.EventStore.Contract;
using Payments.EventStore.Integrity;

namespace Payments.Embedded.Tests.Audit;

/// <summary>
/// Someone with write access to events.db but not the signing key edits the file directly; verifying against a
/// checkpoint saved before catches each edit and names the first position it touched.
/// </summary>
public sealed class TamperDetectionTests
{
    private const int Streams = 6;
    private const int EventsEach = 5;

    [Fact]
    public async Task An_untouched_log_verifies_against_its_checkpoint()
    {
        using var log = await AuditedLog.Create(Streams, EventsEach);

        var report = await log.Verify();

        Assert.True(report.IsIntact, string.Join("; ", report.Findings));
        Assert.Equal(Streams * EventsEach, report.EventsChecked);
        Assert.Equal(Streams, report.Streams);
    }

    [Fact]
    public async Task Changing_one_byte_of_data_names_that_position()
    {
        using var log = await AuditedLog.Create(Streams, EventsEach);
        log.Sql("UPDATE events SET data = replace(data, '325.50', '325.51') WHERE position = 14");

        Assert.Equal(14, (await log.Verify()).FirstBad?.Position);
    }

    [Fact]
    public async Task Changing_one_byte_of_metadata_names_that_position()
    {
        using var log = await AuditedLog.Create(Streams, EventsEach);
        log.Sql("UPDATE events SET metadata = replace(metadata, 'corr-', 'corr_') WHERE position = 9");

        Assert.Equal(9, (await log.Verify()).FirstBad?.Position);
    }

    [Fact]
    public async Task Deleting_one_event_names_its_position()
    {
        using var log = await AuditedLog.Create(Streams, EventsEach);
        log.Sql("DELETE FROM events WHERE position = 17");

        Assert.Equal(17, (await log.Verify()).FirstBad?.Position);
    }

    [Fact]
    public async Task Deleting_a_whole_payment_names_its_first_position()
    {
        using var log = await AuditedLog.Create(Streams, EventsEach);
        var (stream, positions) = log.Positions.ElementAt(2);
        log.Sql("DELETE FROM events WHERE stream_id = $s", ("$s", stream.Value));

        Assert.Equal(positions[0], (await log.Verify()).FirstBad?.Position);
    }

    [Fact]
    public async Task Cutting_a_payments_tail_names_the_first_event_cut()
    {
        using var log = await AuditedLog.Create(Streams, EventsEach);
        var (stream, positions) = log.Positions.ElementAt(0);
        log.Sql("DELETE FROM events WHERE stream_id = $s AND version >= 4", ("$s", stream.Value));

        Assert.Equal(positions[3], (await log.Verify()).FirstBad?.Position);
    }

    [Fact]
    public async Task Swapping_two_positions_names_the_first()
    {
        using var log = await AuditedLog.Create(Streams, EventsEach);
        log.Sql("UPDATE events SET position = -1 WHERE position = 20; UPDATE events SET position = 20 WHERE position = 21; UPDATE events SET position = 21 WHERE position = -1;");

        Assert.Equal(20, (await log.Verify()).FirstBad?.Position);
    }

    [Fact]
    public async Task Truncating_the_log_names_the_first_position_missing()
    {
        using var log = await AuditedLog.Create(Streams, EventsEach);
        log.Sql("DELETE FROM events WHERE position > 25");

        var report = await log.Verify();

        Assert.Equal(26, report.FirstBad?.Position);
        Assert.Contains(report.Findings, f => f.Reason.Contains("truncated", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Re_chaining_a_tampered_payment_with_correct_hashes_names_the_first_event_changed()
    {
        using var log = await AuditedLog.Create(Streams, EventsEach);
        var (stream, positions) = log.Positions.ElementAt(4);
        Rechain(log, stream, fromVersion: 2);

        var report = await log.Verify();

        Assert.Equal(positions[1], report.FirstBad?.Position);
        Assert.DoesNotContain(report.Findings, f => f.Reason.Contains("hash does not match", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Re_chaining_and_rebuilding_the_tree_too_still_fails_against_the_earlier_checkpoint()
    {
        using var log = await AuditedLog.Create(Streams, EventsEach);
        var saved = log.Checkpoint;
        Rechain(log, log.Positions.ElementAt(1).Key, fromVersion: 3);
        File.Delete(log.Tree);
        await log.BuildTreeAndSign();

        var report = await log.Verify(saved);

        Assert.False(report.IsIntact);
        Assert.Contains(report.Findings, f => f.Reason.Contains("rewritten", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_checkpoint_signed_with_another_key_fails_against_the_pinned_key()
    {
        using var log = await AuditedLog.Create(Streams, EventsEach);
        var pinned = log.Checkpoint.PublicKey;
        using var other = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        var forged = log.Checkpoint with
        {
            PublicKey = other.ExportSubjectPublicKeyInfo(),
            Signature = other.SignData(System.Text.Encoding.UTF8.GetBytes(log.Checkpoint.Note), System.Security.Cryptography.HashAlgorithmName.SHA256, System.Security.Cryptography.DSASignatureFormat.Rfc3279DerSequence),
        };

        Assert.True((await log.Verify(forged)).IsIntact);
        Assert.False((await log.Verify(forged, pinned)).IsIntact);
        Assert.True((await log.Verify(log.Checkpoint, pinned)).IsIntact);
    }

    /// <summary>What an attacker without the key can do: change a payment's data and recompute its chain, scheme 2 and all.</summary>
    private static void Rechain(AuditedLog log, StreamId stream, long fromVersion)
    {
        SqliteConnection.ClearAllPools();
        using var connection = new SqliteConnection($"Data Source={log.Events};Pooling=false");
        connection.Open();
        var rows = new List<(long Position, long Version, string Type, int Schema, string At, string Data, string Metadata, string Hash)>();
        using (var select = connection.CreateCommand())
        {
            select.CommandText = "SELECT position, version, type, schema_version, occurred_at, data, metadata, hash FROM events WHERE stream_id = $s ORDER BY version";
            select.Parameters.AddWithValue("$s", stream.Value);
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                rows.Add((reader.GetInt64(0), reader.GetInt64(1), reader.GetString(2), reader.GetInt32(3), reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetString(7)));
            }
        }

        var previous = rows[(int)fromVersion - 2].Hash;
        foreach (var row in rows.Where(r => r.Version >= fromVersion))
        {
            var data = row.Version == fromVersion ? row.Data.Replace(".50", ".99", StringComparison.Ordinal) : row.Data;
            var hash = EventHashChain.ComputeStored(EventHashScheme.StoredBytesAtPosition, previous, row.Position, stream, row.Version, row.Type, row.Schema, row.At, data, row.Metadata);
            using var update = connection.CreateCommand();
            update.CommandText = "UPDATE events SET data = $d, hash = $h WHERE position = $p";
            update.Parameters.AddWithValue("$d", data);
            update.Parameters.AddWithValue("$h", hash);
            update.Parameters.AddWithValue("$p", row.Position);
            update.ExecuteNonQuery();
            previous = hash;
        }

    }
}
