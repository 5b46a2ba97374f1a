using Microsoft.Data.Sqlite;
using Payments.Application.Audit;
using Payments.Embedded.Sqlite;
using Payments.EventStore.Audit;
using Payments.EventStore.Contract;
using Payments.EventStore.Integrity;

namespace Payments.Embedded.Audit;

/// <summary>
/// The embedded verifiable log in audit.db, beside (not inside) events.db: the tree is built by a consumer of the
/// ordered log, so appends never wait for it, and a copy of events.db alone cannot be re-treed to match a checkpoint.
/// </summary>
public sealed class SqliteAuditLog : IAuditLogStore, IAsyncDisposable
{
    public const string FileName = "audit.db";

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS tree_nodes (
            level INTEGER NOT NULL,
            idx   INTEGER NOT NULL,
            hash  BLOB    NOT NULL,
            PRIMARY KEY (level, idx)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS tree_head (
            id   INTEGER PRIMARY KEY CHECK (id = 1),
            size INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS sequenced (
            stream_id TEXT    NOT NULL,
            version   INTEGER NOT NULL,
            position  INTEGER NOT NULL UNIQUE,
            PRIMARY KEY (stream_id, version)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS checkpoints (
            tree_size  INTEGER NOT NULL,
            root_hash  BLOB    NOT NULL,
            issued_at  TEXT    NOT NULL,
            origin     TEXT    NOT NULL,
            public_key BLOB    NOT NULL,
            signature  BLOB    NOT NULL,
            PRIMARY KEY (tree_size, issued_at)
        ) WITHOUT ROWID;
        """;

    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private SqliteAuditLog(SqliteConnection connection) => _connection = connection;

    public static SqliteAuditLog Open(string path) => new(EmbeddedSqlite.Open(path, Schema));

    /// <summary>For auditors beside a running `serve`: nothing is created or written.</summary>
    /// <exception cref="FileNotFoundException">No audit log at <paramref name="path"/>.</exception>
    public static SqliteAuditLog OpenReadOnly(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"No audit log at {full}.", full);
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = full, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        return new SqliteAuditLog(connection);
    }

    public Task<long> Size(CancellationToken cancellationToken) =>
        Locked(async () =>
        {
            await using var select = Command(null, "SELECT size FROM tree_head WHERE id = 1");
            return await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long size ? size : 0L;
        }, cancellationToken);

    public async ValueTask<byte[]> Node(int level, long index, CancellationToken cancellationToken) =>
        await Locked(async () =>
        {
            await using var select = Command(null, "SELECT hash FROM tree_nodes WHERE level = $level AND idx = $idx", ("$level", level), ("$idx", index));
            return await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as byte[]
                ?? throw new KeyNotFoundException($"The audit tree has no node {index} at level {level}.");
        }, cancellationToken).ConfigureAwait(false);

    /// <summary>Leaf hashes from leaf <paramref name="fromIndex"/>, in order, up to <paramref name="limit"/>.</summary>
    public Task<IReadOnlyList<byte[]>> Leaves(long fromIndex, int limit, CancellationToken cancellationToken) =>
        Locked(async () =>
        {
            await using var select = Command(null, "SELECT hash FROM tree_nodes WHERE level = 0 AND idx >= $from ORDER BY idx LIMIT $limit", ("$from", fromIndex), ("$limit", limit));
            var leaves = new List<byte[]>();
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                leaves.Add((byte[])reader[0]);
            }

            return (IReadOnlyList<byte[]>)leaves;
        }, cancellationToken);

    public Task<bool> Append(long expectedSize, IReadOnlyList<StoredEvent> events, IReadOnlyList<MerkleNode> nodes, CancellationToken cancellationToken) =>
        Locked(async () =>
        {
            await using var transaction = (SqliteTransaction)await _connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using (var head = Command(transaction, "SELECT size FROM tree_head WHERE id = 1"))
            {
                if ((await head.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) as long? ?? 0L) != expectedSize)
                {
                    return false;
                }
            }

            try
            {
                foreach (var e in events)
                {
                    await Execute(transaction, "INSERT INTO sequenced (stream_id, version, position) VALUES ($s, $v, $p)", cancellationToken, ("$s", e.StreamId.Value), ("$v", e.Version), ("$p", e.Position)).ConfigureAwait(false);
                }

                foreach (var node in nodes)
                {
                    await Execute(transaction, "INSERT INTO tree_nodes (level, idx, hash) VALUES ($l, $i, $h)", cancellationToken, ("$l", node.Level), ("$i", node.Index), ("$h", node.Hash)).ConfigureAwait(false);
                }
            }
            catch (SqliteException e) when (e.SqliteErrorCode == SQLitePCL.raw.SQLITE_CONSTRAINT)
            {
                return false;
            }

            await Execute(
                transaction,
                "INSERT INTO tree_head (id, size) VALUES (1, $size) ON CONFLICT (id) DO UPDATE SET size = excluded.size",
                cancellationToken,
                ("$size", expectedSize + events.Count)).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }, cancellationToken);

    public Task<IReadOnlyDictionary<(StreamId Stream, long Version), long>> Sequenced(IReadOnlyList<StoredEvent> events, CancellationToken cancellationToken) =>
        Locked(async () =>
        {
            var found = new Dictionary<(StreamId, long), long>();
            foreach (var e in events)
            {
                await using var select = Command(null, "SELECT position FROM sequenced WHERE stream_id = $s AND version = $v", ("$s", e.StreamId.Value), ("$v", e.Version));
                if (await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long position)
                {
                    found[(e.StreamId, e.Version)] = position;
                }
            }

            return (IReadOnlyDictionary<(StreamId, long), long>)found;
        }, cancellationToken);

    public Task SaveCheckpoint(SignedCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        return Locked(
            () => Execute(
                null,
                "INSERT OR IGNORE INTO checkpoints (tree_size, root_hash, issued_at, origin, public_key, signature) VALUES ($n, $r, $t, $o, $k, $s)",
                cancellationToken,
                ("$n", checkpoint.TreeSize),
                ("$r", checkpoint.RootHash),
                ("$t", EventHashChain.FormatTime(checkpoint.IssuedAt)),
                ("$o", checkpoint.Origin),
                ("$k", checkpoint.PublicKey),
                ("$s", checkpoint.Signature)),
            cancellationToken);
    }

    public async Task<SignedCheckpoint?> LatestCheckpoint(CancellationToken cancellationToken) =>
        await Checkpoints(1, cancellationToken).ConfigureAwait(false) is [var latest] ? latest : null;

    /// <summary>The newest <paramref name="limit"/> checkpoints, newest first.</summary>
    public Task<IReadOnlyList<SignedCheckpoint>> Checkpoints(int limit, CancellationToken cancellationToken) =>
        Locked(async () =>
        {
            await using var select = Command(
                null,
                "SELECT origin, tree_size, root_hash, issued_at, public_key, signature FROM checkpoints ORDER BY tree_size DESC, issued_at DESC LIMIT $limit",
                ("$limit", limit));
            var checkpoints = new List<SignedCheckpoint>();
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                checkpoints.Add(new SignedCheckpoint(
                    reader.GetString(0), reader.GetInt64(1), (byte[])reader[2], EventHashChain.ParseTime(reader.GetString(3)), (byte[])reader[4], (byte[])reader[5]));
            }

            return (IReadOnlyList<SignedCheckpoint>)checkpoints;
        }, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
    }

    private async Task Execute(SqliteTransaction? transaction, string sql, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        await using var command = Command(transaction, sql, parameters);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private SqliteCommand Command(SqliteTransaction? transaction, string sql, params (string, object?)[] parameters) =>
        EmbeddedSqlite.Command(_connection, transaction, sql, parameters);

    private Task<T> Locked<T>(Func<Task<T>> action, CancellationToken cancellationToken) => EmbeddedSqlite.Exclusive(_gate, action, cancellationToken);

    private Task Locked(Func<Task> action, CancellationToken cancellationToken) =>
        EmbeddedSqlite.Exclusive(_gate, async () =>
        {
            await action().ConfigureAwait(false);
            return true;
        }, cancellationToken);
}
