using Microsoft.Data.Sqlite;
using Payments.Embedded.Sqlite;
using Payments.TestServices;

namespace Payments.Embedded.Tests.Sqlite;

public sealed class SqliteGroupCommitTests : IAsyncLifetime
{
    private readonly TempDirectory _directory = new();
    private SqliteConnection _connection = null!;
    private SqliteGroupCommit _commits = null!;

    private string Path => _directory.File("group.db");

    public Task InitializeAsync()
    {
        _connection = EmbeddedSqlite.Open(Path, "CREATE TABLE IF NOT EXISTS rows (id INTEGER PRIMARY KEY);");
        _commits = new SqliteGroupCommit(_connection);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Operations_waiting_together_share_commits_and_all_land()
    {
        var inserts = Enumerable.Range(1, 200).Select(id => _commits.Run(tx => Insert(tx, id), CancellationToken.None)).ToList();

        await Task.WhenAll(inserts);

        Assert.Equal(200, await Count());
        Assert.InRange(_commits.CommitCount, 1, 100);
    }

    [Fact]
    public async Task A_failing_operation_fails_alone_and_its_neighbours_commit()
    {
        await _commits.Run(tx => Insert(tx, 1), CancellationToken.None);

        var before = _commits.Run(tx => Insert(tx, 2), CancellationToken.None);
        var clash = _commits.Run(tx => Insert(tx, 1), CancellationToken.None);
        var after = _commits.Run(tx => Insert(tx, 3), CancellationToken.None);

        await Task.WhenAll(before, after);
        await Assert.ThrowsAsync<SqliteException>(() => clash);
        Assert.Equal(3, await Count());
    }

    [Fact]
    public async Task A_write_after_a_read_waits_for_another_writer_of_the_file_instead_of_failing()
    {
        // A consumer's checkpoint is written to the queue's file by a second connection. A shared transaction that read
        // first and then wrote used to fail at once (SQLITE_BUSY_SNAPSHOT) whenever that writer committed in between.
        await using var other = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Path, Pooling = false, DefaultTimeout = 10 }.ToString());
        await other.OpenAsync();
        await using (var timeout = other.CreateCommand())
        {
            timeout.CommandText = "PRAGMA busy_timeout=10000";
            await timeout.ExecuteNonQueryAsync();
        }

        var otherWrote = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var readDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var readThenWrite = _commits.Run(async tx =>
        {
            await Count(tx);
            readDone.SetResult();
            await Task.WhenAny(otherWrote.Task, Task.Delay(TimeSpan.FromMilliseconds(300)));
            return await Insert(tx, 2);
        }, CancellationToken.None);

        await readDone.Task;
        await using (var write = other.CreateCommand())
        {
            write.CommandText = "INSERT INTO rows (id) VALUES (1)";
            await write.ExecuteNonQueryAsync();
        }

        otherWrote.SetResult();
        await readThenWrite;
        Assert.Equal(2, await Count());
    }

    public async Task DisposeAsync()
    {
        await _commits.DisposeAsync();
        await _connection.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _directory.Dispose();
    }

    private async Task<int> Insert(SqliteTransaction transaction, int id)
    {
        await using var insert = EmbeddedSqlite.Command(_connection, transaction, "INSERT INTO rows (id) VALUES ($id)", ("$id", id));
        return await insert.ExecuteNonQueryAsync();
    }

    private async Task<long> Count(SqliteTransaction? transaction = null)
    {
        await using var count = EmbeddedSqlite.Command(_connection, transaction, "SELECT COUNT(*) FROM rows");
        return (long)(await count.ExecuteScalarAsync())!;
    }
}
