using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Payments.EventStore.Contract;
using Payments.EventStore.Telemetry;

namespace Payments.Embedded.EventStore;

/// <summary>
/// The embedded event store: one SQLite file in WAL mode. Appends go through a single group-commit
/// writer; reads use their own pooled connections and never block it.
/// </summary>
public sealed class SqliteEventStore : IEventStore, IEventLog, IAppendNotifier, IAsyncDisposable
{
    private readonly string _readConnectionString;
    private readonly SqliteEventLogReader _reads;
    private readonly SqliteConnection _writerConnection;
    private readonly SqliteGroupCommitWriter _writer;
    private long _lastCommitted;
    private int _disposed;
    private TaskCompletionSource _nextCommit = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private SqliteEventStore(string path, TimeProvider time, SqliteEventStoreOptions options)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true };
        _readConnectionString = builder.ToString();
        _reads = SqliteEventLogReader.Over(_readConnectionString);
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
        var append = new PendingAppend(stream, expected, events, claim, cancellationToken);
        return EventStoreTelemetry.StartAppend(SqliteGroupCommitWriter.Store, stream.Value, events.Count) is { } span
            ? Traced(append, span)
            : _writer.Enqueue(append);
    }

    private async Task<AppendResult> Traced(PendingAppend append, Activity span)
    {
        using (span)
        {
            try
            {
                return await _writer.Enqueue(append).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                span.SetStatus(ActivityStatusCode.Error, e.Message);
                throw;
            }
            finally
            {
                span.SetTag(EventStoreTelemetry.BatchSizeTag, append.CommittedWith);
            }
        }
    }

    public Task<IReadOnlyList<StoredEvent>> ReadStream(StreamId stream, long fromVersion = 1, CancellationToken cancellationToken = default) =>
        _reads.ReadStream(stream, fromVersion, cancellationToken);

    public Task<IReadOnlyList<StoredEvent>> ReadAll(long afterPosition, int limit, CancellationToken cancellationToken = default) =>
        _reads.ReadAll(afterPosition, limit, cancellationToken);

    public Task<AppendResult.UniqueKeyTaken?> FindKeyOwner(string key, CancellationToken cancellationToken = default) =>
        _reads.FindKeyOwner(key, cancellationToken);

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

    private static long MaxPosition(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(MAX(position), 0) FROM events";
        return (long)command.ExecuteScalar()!;
    }
}
