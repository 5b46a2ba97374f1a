using Microsoft.Data.Sqlite;
using Payments.Application.Consumers;
using Payments.Embedded.Sqlite;

namespace Payments.Embedded.Consumers;

/// <summary>
/// A consumer's checkpoint and parked events, in the SQLite file that holds the consumer's own output (the projector's
/// in payments.db, the job dispatch's in jobs.db): deleting that file to rebuild it takes the checkpoint with it.
/// </summary>
public sealed class SqliteConsumerStore : ICheckpointStore, IParkedEventStore, IAsyncDisposable
{
    private const string Schema = """
        CREATE TABLE IF NOT EXISTS consumer_checkpoints (
            consumer   TEXT    PRIMARY KEY,
            position   INTEGER NOT NULL,
            updated_at INTEGER NOT NULL
        );
        CREATE TABLE IF NOT EXISTS parked_events (
            consumer  TEXT    NOT NULL,
            position  INTEGER NOT NULL,
            stream_id TEXT    NOT NULL,
            version   INTEGER NOT NULL,
            type      TEXT    NOT NULL,
            error     TEXT    NOT NULL,
            attempts  INTEGER NOT NULL,
            parked_at INTEGER NOT NULL,
            PRIMARY KEY (consumer, position)
        );
        """;

    private readonly SqliteConnection _connection;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private SqliteConsumerStore(SqliteConnection connection, TimeProvider time)
    {
        _connection = connection;
        _time = time;
    }

    public static SqliteConsumerStore Open(string path, TimeProvider time) => new(EmbeddedSqlite.Open(path, Schema), time);

    public Task<long> Load(string consumer, CancellationToken cancellationToken) =>
        Locked(async () =>
        {
            await using var select = Command("SELECT position FROM consumer_checkpoints WHERE consumer = $consumer", ("$consumer", consumer));
            return await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long position ? position : 0L;
        }, cancellationToken);

    public Task Save(string consumer, long position, CancellationToken cancellationToken) =>
        Locked(async () =>
        {
            await using var upsert = Command(
                """
                INSERT INTO consumer_checkpoints (consumer, position, updated_at) VALUES ($consumer, $position, $now)
                ON CONFLICT (consumer) DO UPDATE SET position = excluded.position, updated_at = excluded.updated_at
                """,
                ("$consumer", consumer),
                ("$position", position),
                ("$now", _time.GetUtcNow().ToUnixTimeMilliseconds()));
            return await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    public Task Park(ParkedEvent parked, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(parked);
        return Locked(async () =>
        {
            await using var insert = Command(
                """
                INSERT INTO parked_events (consumer, position, stream_id, version, type, error, attempts, parked_at)
                VALUES ($consumer, $position, $stream, $version, $type, $error, $attempts, $at)
                ON CONFLICT (consumer, position) DO UPDATE SET error = excluded.error, attempts = parked_events.attempts + excluded.attempts, parked_at = excluded.parked_at
                """,
                ("$consumer", parked.Consumer),
                ("$position", parked.Position),
                ("$stream", parked.StreamId),
                ("$version", parked.Version),
                ("$type", parked.Type),
                ("$error", parked.Error),
                ("$attempts", parked.Attempts),
                ("$at", parked.ParkedAt.ToUnixTimeMilliseconds()));
            return await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    public Task<IReadOnlyList<ParkedEvent>> List(string consumer, CancellationToken cancellationToken) =>
        Locked<IReadOnlyList<ParkedEvent>>(async () =>
        {
            await using var select = Command(
                "SELECT consumer, position, stream_id, version, type, error, attempts, parked_at FROM parked_events WHERE consumer = $consumer ORDER BY position",
                ("$consumer", consumer));
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var parked = new List<ParkedEvent>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                parked.Add(new ParkedEvent(
                    reader.GetString(0), reader.GetInt64(1), reader.GetString(2), reader.GetInt64(3), reader.GetString(4), reader.GetString(5),
                    reader.GetInt32(6), DateTimeOffset.FromUnixTimeMilliseconds(reader.GetInt64(7))));
            }

            return parked;
        }, cancellationToken);

    public Task Release(string consumer, long position, CancellationToken cancellationToken) =>
        Locked(async () =>
        {
            await using var delete = Command("DELETE FROM parked_events WHERE consumer = $consumer AND position = $position", ("$consumer", consumer), ("$position", position));
            return await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
    }

    private SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters) =>
        EmbeddedSqlite.Command(_connection, null, sql, parameters);

    private Task<T> Locked<T>(Func<Task<T>> action, CancellationToken cancellationToken) =>
        EmbeddedSqlite.Exclusive(_gate, action, cancellationToken);
}
