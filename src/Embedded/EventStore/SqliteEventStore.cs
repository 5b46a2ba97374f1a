using Microsoft.Data.Sqlite;
using Payments.EventStore.Contract;
using Payments.EventStore.Integrity;
using Payments.EventStore.Serialization;

namespace Payments.Embedded.EventStore;

/// <summary>
/// The embedded event store: one SQLite file in WAL mode. Appends go through a single group-commit
/// writer; reads use their own pooled connections and never block it.
/// </summary>
public sealed class SqliteEventStore : IEventStore, IEventLog, IAppendNotifier, IAsyncDisposable
{
    private const string Columns = "stream_id, version, position, type, schema_version, occurred_at, data, metadata, hash";

    private readonly string _readConnectionString;
    private readonly SqliteConnection _writerConnection;
    private readonly SqliteGroupCommitWriter _writer;
    private long _lastCommitted;
    private int _disposed;
    private TaskCompletionSource _nextCommit = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SqliteEventStore(string path, TimeProvider time, SqliteEventStoreOptions options)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true };
        _readConnectionString = builder.ToString();
        _writerConnection = new SqliteConnection(builder.ToString());
        _writerConnection.Open();
        SqliteSchema.Apply(_writerConnection);
        SqliteSchema.ConfigureWriter(_writerConnection);
        if (options.MaxPageCount is { } maxPages)
        {
            SqliteSchema.Execute(_writerConnection, $"PRAGMA max_page_count={maxPages.ToString(System.Globalization.CultureInfo.InvariantCulture)};");
        }

        _lastCommitted = MaxPosition(_writerConnection);
        _writer = new SqliteGroupCommitWriter(_writerConnection, time, OnCommitted);
    }

    public string ConnectionString => _readConnectionString;

    public long CommitCount => _writer.CommitCount;

    public long LastCommittedPosition => Interlocked.Read(ref _lastCommitted);

    /// <summary>Why the store refuses appends (see <see cref="EventStoreFaultedException"/>), or null while it takes them.</summary>
    public EventStoreFaultedException? Fault => _writer.Fault;

    /// <summary>Completes when the store faults, so a host can stop and let its supervisor restart it.</summary>
    public Task<EventStoreFaultedException> Faulted => _writer.Faulted;

    /// <summary>Opens (creating if needed) the store in <paramref name="path"/>.</summary>
    public static SqliteEventStore Open(string path, TimeProvider time, SqliteEventStoreOptions? options = null)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        return new SqliteEventStore(path, time, options ?? new SqliteEventStoreOptions());
    }

    public Task<AppendResult> Append(StreamId stream, ExpectedVersion expected, IReadOnlyList<NewEvent> events, UniqueKeyClaim? claim = null, CancellationToken cancellationToken = default)
    {
        AppendValidation.Check(expected, events, claim);
        return _writer.Enqueue(new PendingAppend(stream, expected, events, claim, cancellationToken));
    }

    public async Task<IReadOnlyList<StoredEvent>> ReadStream(StreamId stream, long fromVersion = 1, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReader(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM events WHERE stream_id = $stream AND version >= $from ORDER BY version";
        command.Parameters.AddWithValue("$stream", stream.Value);
        command.Parameters.AddWithValue("$from", fromVersion);
        return await ReadEvents(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<StoredEvent>> ReadAll(long afterPosition, int limit, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var connection = await OpenReader(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM events WHERE position > $after ORDER BY position LIMIT $limit";
        command.Parameters.AddWithValue("$after", afterPosition);
        command.Parameters.AddWithValue("$limit", limit);
        return await ReadEvents(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<AppendResult.UniqueKeyTaken?> FindKeyOwner(string key, CancellationToken cancellationToken = default)
    {
        await using var connection = await OpenReader(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT stream_id, fingerprint FROM unique_keys WHERE key = $key";
        command.Parameters.AddWithValue("$key", key);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new AppendResult.UniqueKeyTaken(key, new StreamId(reader.GetString(0)), reader.GetString(1))
            : null;
    }

    public async Task WaitForCommitAfter(long position, CancellationToken cancellationToken)
    {
        while (true)
        {
            var next = Volatile.Read(ref _nextCommit);
            if (LastCommittedPosition > position)
            {
                return;
            }

            await next.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _writer.DisposeAsync().ConfigureAwait(false);
        if (Fault is null)
        {
            // A faulted file is left as it is: the next open recovers it from the WAL.
            SqliteSchema.Execute(_writerConnection, "PRAGMA wal_checkpoint(TRUNCATE);");
        }

        await _writerConnection.DisposeAsync().ConfigureAwait(false);
    }

    private void OnCommitted(long position)
    {
        Interlocked.Exchange(ref _lastCommitted, position);
        Interlocked.Exchange(ref _nextCommit, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    private async Task<SqliteConnection> OpenReader(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_readConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    private static async Task<IReadOnlyList<StoredEvent>> ReadEvents(SqliteCommand command, CancellationToken cancellationToken)
    {
        var events = new List<StoredEvent>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            events.Add(new StoredEvent(
                new StreamId(reader.GetString(0)),
                reader.GetInt64(1),
                reader.GetInt64(2),
                reader.GetString(3),
                reader.GetInt32(4),
                EventHashChain.ParseTime(reader.GetString(5)),
                reader.GetString(6),
                MetadataJson.Deserialize(reader.GetString(7)),
                reader.GetString(8)));
        }

        return events;
    }

    private static long MaxPosition(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(position), 0) FROM events";
        return (long)command.ExecuteScalar()!;
    }
}
