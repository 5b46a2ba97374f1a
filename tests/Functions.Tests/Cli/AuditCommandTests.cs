using Microsoft.Data.Sqlite;
using Payments.Application.Audit;
using Payments.Embedded;
using Payments.Embedded.Audit;
using Payments.Embedded.EventStore;
using Payments.EventStore.Contract;
using Payments.Functions.Cli;
using Payments.TestServices;

namespace Payments.Functions.Tests.Cli;

/// <summary>`audit checkpoint | verify | export` over a real data directory, by exit status as scripts use them.</summary>
public sealed class AuditCommandTests : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly TempDirectory _elsewhere = new();

    private DataDirectoryLayout Files => new(_directory.Path);

    public void Dispose()
    {
        _directory.Dispose();
        _elsewhere.Dispose();
    }

    [Fact]
    public async Task A_saved_checkpoint_verifies_until_the_log_is_edited_then_verify_exits_1()
    {
        await Seed();
        var saved = _elsewhere.File("checkpoint.json");
        Assert.Equal(0, await Audit("checkpoint", "--data-dir", _directory.Path, "--out", saved));
        Assert.Equal(0, await Audit("verify", "--data-dir", _directory.Path, "--checkpoint", saved));

        Sql("UPDATE events SET data = replace(data, '\"n\":2', '\"n\":9') WHERE position = 3");

        Assert.Equal(1, await Audit("verify", "--data-dir", _directory.Path, "--checkpoint", saved));
        Assert.Equal(1, await VerifyCommand.Create().Parse(["--data-dir", _directory.Path]).InvokeAsync());
    }

    [Fact]
    public async Task An_exported_bundle_verifies_offline_and_a_wrong_pinned_key_fails_it()
    {
        await Seed();
        var bundle = _elsewhere.File("bundle");
        Assert.Equal(0, await Audit("export", "--data-dir", _directory.Path, "--from", "2", "--to", "9", "--out", bundle));
        Assert.Equal(0, await Audit("verify", "--bundle", bundle, "--public-key", _elsewhere.File("audit.pub.pem")));

        var other = _elsewhere.File("other.pub.pem");
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);
        await File.WriteAllTextAsync(other, key.ExportSubjectPublicKeyInfoPem());
        Assert.Equal(1, await Audit("verify", "--bundle", bundle, "--public-key", other));
    }

    [Fact]
    public async Task Export_beyond_the_latest_checkpoint_or_without_one_exits_2()
    {
        await Seed();

        Assert.Equal(2, await Audit("export", "--data-dir", _directory.Path, "--from", "1", "--to", "99", "--out", _elsewhere.File("b")));
        Assert.Equal(2, await Audit("checkpoint", "--data-dir", _elsewhere.Path));
    }

    [Fact]
    public async Task Verifying_one_payment_checks_its_chain_and_inclusion()
    {
        var stream = await Seed();
        var id = stream.Value;

        Assert.Equal(0, await Audit("verify", "--data-dir", _directory.Path, "--payment", id));
        Sql($"UPDATE events SET hash = replace(hash, substr(hash, 1, 1), 'x') WHERE stream_id = '{id}' AND version = 2");
        Assert.Equal(1, await Audit("verify", "--data-dir", _directory.Path, "--payment", id));
    }

    private static Task<int> Audit(params string[] args) => AuditCommand.Create().Parse(args).InvokeAsync();

    /// <summary>Ten events over three payments, the tree built and one checkpoint signed; returns the first payment.</summary>
    private async Task<StreamId> Seed()
    {
        var streams = Enumerable.Range(0, 3).Select(_ => StreamId.For(Guid.CreateVersion7())).ToList();
        await using (var store = SqliteEventStore.Open(Files.Events, TimeProvider.System))
        {
            for (var n = 0; n < 10; n++)
            {
                var stream = streams[n % 3];
                await store.Append(stream, ExpectedVersion.At(n / 3), [new NewEvent("Thing", 1, $$"""{"n":{{n}}}""", new EventMetadata("audit", null, "test"))]);
            }
        }

        await using var tree = SqliteAuditLog.Open(Files.Audit);
        await new AuditLogBuilder(tree).Handle(await SqliteEventLogReader.Open(Files.Events).ReadAll(0, 100), default);
        using var signer = KeyFileCheckpointSigner.OpenOrCreate(_elsewhere.File("audit.pem"), _directory.Path);
        var checkpoint = await new AuditCheckpointer(tree, signer, TimeProvider.System).Sign(default);
        using var key = System.Security.Cryptography.ECDsa.Create();
        key.ImportSubjectPublicKeyInfo(checkpoint.PublicKey, out _);
        await File.WriteAllTextAsync(_elsewhere.File("audit.pub.pem"), key.ExportSubjectPublicKeyInfoPem());
        SqliteConnection.ClearAllPools();
        return streams[0];
    }

    private void Sql(string sql)
    {
        SqliteConnection.ClearAllPools();
        using var connection = new SqliteConnection($"Data Source={Files.Events};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
