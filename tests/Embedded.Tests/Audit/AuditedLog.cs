using Microsoft.Data.Sqlite;
using Payments.Application.Audit;
using Payments.Embedded.Audit;
using Payments.Embedded.EventStore;
using Payments.EventStore.Audit;
using Payments.EventStore.Contract;
using Payments.TestServices;

namespace Payments.Embedded.Tests.Audit;

/// <summary>
/// A real embedded log with its audit tree: payments appended to events.db through the store, the tree built by the
/// builder as `serve` runs it, a checkpoint signed with a key file outside the directory. Then the files are closed,
/// so a test can edit them the way an attacker with file access would.
/// </summary>
internal sealed class AuditedLog : IDisposable
{
    private readonly TempDirectory _directory = new();
    private readonly TempDirectory _keys = new();

    public string Events => _directory.File("events.db");

    public string Tree => _directory.File(SqliteAuditLog.FileName);

    public string KeyFile => _keys.File("audit.pem");

    /// <summary>Each stream's events' positions, in version order.</summary>
    public Dictionary<StreamId, List<long>> Positions { get; } = [];

    public SignedCheckpoint Checkpoint { get; private set; } = null!;

    /// <summary><paramref name="streams"/> payments of <paramref name="eventsEach"/> events, appended round-robin so streams interleave.</summary>
    public static async Task<AuditedLog> Create(int streams, int eventsEach)
    {
        var log = new AuditedLog();
        await using (var store = SqliteEventStore.Open(log.Events, TimeProvider.System))
        {
            var ids = Enumerable.Range(0, streams).Select(_ => StreamId.For(Guid.NewGuid())).ToList();
            for (var v = 1; v <= eventsEach; v++)
            {
                foreach (var stream in ids)
                {
                    var appended = (AppendResult.Appended)await store.Append(stream, ExpectedVersion.At(v - 1), [Event(v)]);
                    log.Positions.TryAdd(stream, []);
                    log.Positions[stream].Add(appended.Position);
                }
            }
        }

        log.Checkpoint = await log.BuildTreeAndSign();
        return log;
    }

    /// <summary>(Re)builds the tree from events.db as it is now and signs a checkpoint of it.</summary>
    public async Task<SignedCheckpoint> BuildTreeAndSign()
    {
        await using var tree = SqliteAuditLog.Open(Tree);
        var events = SqliteEventLogReader.Open(Events);
        var builder = new AuditLogBuilder(tree);
        for (long after = 0; ;)
        {
            var page = await events.ReadAll(after, 7);
            if (page.Count == 0)
            {
                break;
            }

            await builder.Handle(page, default);
            after = page[^1].Position;
        }

        using var signer = KeyFileCheckpointSigner.OpenOrCreate(KeyFile, _directory.Path);
        return await new AuditCheckpointer(tree, signer, TimeProvider.System).Sign(default);
    }

    public async Task<AuditReport> Verify(SignedCheckpoint? checkpoint = null, byte[]? trustedKey = null)
    {
        SqliteConnection.ClearAllPools();
        await using var tree = SqliteAuditLog.OpenReadOnly(Tree);
        return await new LogAudit(SqliteEventLogReader.Open(Events), tree).Verify(checkpoint ?? Checkpoint, trustedKey, null, default);
    }

    public void Sql(string sql, params (string Name, object Value)[] parameters)
    {
        SqliteConnection.ClearAllPools();
        using var connection = new SqliteConnection($"Data Source={Events};Pooling=false");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        command.ExecuteNonQuery();
    }

    public void Dispose()
    {
        _directory.Dispose();
        _keys.Dispose();
    }

    private static NewEvent Event(int v) =>
        new("Thing" + v, 1, $$"""{"amount":"{{v}}25.50","note":"é ✓"}""", new EventMetadata($"corr-{v}", null, "test"));
}
