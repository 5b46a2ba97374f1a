using Microsoft.Data.Sqlite;
using Payments.EventStore.Contract;
using Payments.EventStore.Integrity;
using Payments.EventStore.Serialization;

namespace Payments.Embedded.EventStore;

/// <summary>
/// The events file opened read-only, for auditors beside a running <c>serve</c>: no schema creation, no writer, no
/// checkpoint, so it never takes the write lock and never stalls an append. WAL readers see the last commit.
/// </summary>
public sealed class SqliteEventLogReader : IEventLog
{
    private const string BaseColumns = "stream_id, version, position, type, schema_version, occurred_at, data, metadata, hash";

    private readonly string _connectionString;
    private readonly string _columns;

    private SqliteEventLogReader(string connectionString, bool hasHashScheme)
    {
        _connectionString = connectionString;
        // A file no `serve` has opened since hash schemes came holds scheme 1 only, and a read-only reader may not add the column.
        _columns = BaseColumns + (hasHashScheme ? ", hash_scheme" : ", 1 AS hash_scheme");
    }

    /// <exception cref="FileNotFoundException">There is no events file at <paramref name="path"/>; nothing is created.</exception>
    public static SqliteEventLogReader Open(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"No event log at {full}.", full);
        }

        var connectionString = new SqliteConnectionStringBuilder { DataSource = full, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        return new SqliteEventLogReader(connectionString, SqliteSchema.HasHashScheme(connection));
    }

    /// <summary>The live store's reads: the same queries on its pooled read connections (its schema is current).</summary>
    internal static SqliteEventLogReader Over(string connectionString) => new(connectionString, hasHashScheme: true);

    public async Task<IReadOnlyList<StoredEvent>> ReadStream(StreamId stream, long fromVersion = 1, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnection(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {_columns} FROM events WHERE stream_id = $stream AND version >= $from ORDER BY version";
        command.Parameters.AddWithValue("$stream", stream.Value);
        command.Parameters.AddWithValue("$from", fromVersion);
        return await ReadEvents(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<StoredEvent>> ReadAll(long afterPosition, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await OpenConnection(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {_columns} FROM events WHERE position > $after ORDER BY position LIMIT $limit";
        command.Parameters.AddWithValue("$after", afterPosition);
        command.Parameters.AddWithValue("$limit", limit);
        return await ReadEvents(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<AppendResult.UniqueKeyTaken?> FindKeyOwner(string key, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenConnection(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT stream_id, fingerprint FROM unique_keys WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new AppendResult.UniqueKeyTaken(key, new StreamId(reader.GetString(0)), reader.GetString(1))
            : null;
    }

    private async Task<SqliteConnection> OpenConnection(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    private static async Task<IReadOnlyList<StoredEvent>> ReadEvents(SqliteCommand command, CancellationToken cancellationToken)
    {
        var events = new List<StoredEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var metadata = reader.GetString(7);
            events.Add(new StoredEvent(
                new StreamId(reader.GetString(0)),
                reader.GetInt64(1),
                reader.GetInt64(2),
                reader.GetString(3),
                reader.GetInt32(4),
                EventHashChain.ParseTime(reader.GetString(5)),
                reader.GetString(6),
                MetadataJson.Deserialize(metadata),
                reader.GetString(8),
                reader.GetInt32(9),
                metadata));
        }

        return events;
    }
}
