using Microsoft.Data.Sqlite;
using Payments.EventStore.Contract;
using Payments.EventStore.Integrity;
using Payments.EventStore.Serialization;

namespace Payments.Embedded.EventStore;

/// <summary>The writer connection's prepared statements and the rules of one append inside a transaction.</summary>
internal sealed class SqliteAppendStatements : IDisposable
{
    private readonly SqliteCommand _head;
    private readonly SqliteCommand _findKey;
    private readonly SqliteCommand _reserveKey;
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _nextPosition;

    public SqliteAppendStatements(SqliteConnection connection)
    {
        _head = Prepare(connection, "SELECT version, hash FROM events WHERE stream_id = $stream ORDER BY version DESC LIMIT 1", "$stream");
        _findKey = Prepare(connection, "SELECT stream_id, fingerprint FROM unique_keys WHERE key = $key", "$key");
        _reserveKey = Prepare(
            connection,
            "INSERT INTO unique_keys (key, stream_id, fingerprint, reserved_at) VALUES ($key, $stream, $fingerprint, $at)",
            "$key", "$stream", "$fingerprint", "$at");
        _insert = Prepare(
            connection,
            """
            INSERT INTO events (position, stream_id, version, type, schema_version, occurred_at, data, metadata, hash, hash_scheme)
            VALUES ($position, $stream, $version, $type, $schema, $at, $data, $metadata, $hash, $scheme)
            """,
            "$position", "$stream", "$version", "$type", "$schema", "$at", "$data", "$metadata", "$hash", "$scheme");
        // The single writer inside its transaction is the only one assigning positions, so max + 1 is gap-free and
        // known before the insert, which scheme 2 hashes.
        _nextPosition = Prepare(connection, "SELECT COALESCE(MAX(position), 0) + 1 FROM events");
    }

    public void Enlist(SqliteTransaction transaction)
    {
        _head.Transaction = transaction;
        _findKey.Transaction = transaction;
        _reserveKey.Transaction = transaction;
        _insert.Transaction = transaction;
        _nextPosition.Transaction = transaction;
    }

    /// <summary>
    /// Writes one append or returns why not; never leaves a partial write (the caller wraps it in a savepoint). Which
    /// constraint fired decides the answer: (stream_id, version) is a version conflict, the key-claim table is the
    /// key's owner, and any other constraint stays the <see cref="SqliteException"/> it is.
    /// </summary>
    public AppendResult Write(PendingAppend append, DateTimeOffset now)
    {
        var (version, previousHash) = Head(append.Stream);
        if (version != append.Expected.Value)
        {
            throw new WrongExpectedVersionException(append.Stream, append.Expected, version);
        }

        if (append.Claim is { } claim)
        {
            var owner = FindKeyOwner(claim.Key);
            if (owner is not null)
            {
                return owner;
            }

            try
            {
                Run(_reserveKey, claim.Key, append.Stream.Value, claim.Fingerprint, EventHashChain.FormatTime(now));
            }
            catch (SqliteException e) when (e.SqliteErrorCode == SQLitePCL.raw.SQLITE_CONSTRAINT)
            {
                // The key-claim table fired: the key is someone's, which is a result, never a version conflict.
                var racer = FindKeyOwner(claim.Key);
                if (racer is null)
                {
                    throw;
                }

                return racer;
            }
        }

        // Positions of one append are consecutive: ask where the log ends once, then count on.
        var position = (long)_nextPosition.ExecuteScalar()! - 1;
        foreach (var e in append.Events)
        {
            version++;
            position++;
            var at = EventHashChain.FormatTime(now);
            var metadata = MetadataJson.Serialize(e.Metadata);
            var hash = EventHashChain.ComputeStored(EventHashScheme.StoredBytesAtPosition, previousHash, position, append.Stream, version, e.Type, e.SchemaVersion, at, e.Data, metadata);
            try
            {
                Run(_insert, position, append.Stream.Value, version, e.Type, e.SchemaVersion, at, e.Data, metadata, hash, EventHashScheme.StoredBytesAtPosition);
            }
            catch (SqliteException clash) when (clash.SqliteExtendedErrorCode == SQLitePCL.raw.SQLITE_CONSTRAINT_UNIQUE)
            {
                // The only UNIQUE on events is (stream_id, version): another writer took this version first.
                throw new WrongExpectedVersionException(append.Stream, append.Expected, null);
            }

            previousHash = hash;
        }

        return new AppendResult.Appended(version, position);
    }

    private AppendResult.UniqueKeyTaken? FindKeyOwner(string key)
    {
        _findKey.Parameters[0].Value = key;
        using var reader = _findKey.ExecuteReader();
        return reader.Read() ? new AppendResult.UniqueKeyTaken(key, new StreamId(reader.GetString(0)), reader.GetString(1)) : null;
    }

    public void Dispose()
    {
        _head.Dispose();
        _findKey.Dispose();
        _reserveKey.Dispose();
        _insert.Dispose();
        _nextPosition.Dispose();
    }

    private (long Version, string Hash) Head(StreamId stream)
    {
        _head.Parameters[0].Value = stream.Value;
        using var reader = _head.ExecuteReader();
        return reader.Read() ? (reader.GetInt64(0), reader.GetString(1)) : (0, EventHashChain.Genesis);
    }

    private static object? Run(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        return command.ExecuteScalar();
    }

    private static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in parameters)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }
}
