using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Data.Sqlite;
using Payments.EventStore.Contract;
using Payments.EventStore.Integrity;
using Payments.EventStore.Serialization;

namespace Payments.Bench;

/// <summary>
/// The physical reference for `append`: one connection inserting the rows the store would write for the same event (same
/// columns, values and indexes as the events table) with the store writer's durability (WAL, synchronous=FULL), N rows
/// per transaction, as fast as SQLite takes them. Nothing else: no head lookup, no hash chain, no group-commit queue.
/// </summary>
internal static class RawSqliteInsertBenchmark
{
    private const string Ddl = """
        PRAGMA journal_mode=WAL;
        PRAGMA synchronous=FULL;
        CREATE TABLE IF NOT EXISTS events (
            position       INTEGER PRIMARY KEY,
            stream_id      TEXT    NOT NULL,
            version        INTEGER NOT NULL CHECK (version >= 1),
            type           TEXT    NOT NULL,
            schema_version INTEGER NOT NULL,
            occurred_at    TEXT    NOT NULL,
            data           TEXT    NOT NULL,
            metadata       TEXT    NOT NULL,
            hash           TEXT    NOT NULL,
            hash_scheme    INTEGER NOT NULL DEFAULT 1,
            UNIQUE (stream_id, version)
        );
        """;

    /// <summary>Bytes of one row's values as stored text (the same for the store and the raw inserts).</summary>
    public static int RowBytes(NewEvent sample) =>
        Encoding.UTF8.GetByteCount(StreamId.For(Guid.NewGuid()).Value + sample.Type + EventHashChain.FormatTime(DateTimeOffset.UtcNow) + sample.Data + MetadataJson.Serialize(sample.Metadata) + Hash(sample));

    /// <summary>
    /// Inserts rows of <paramref name="sample"/> in transactions of <paramref name="batchSize"/>: a warm-up, then the measured
    /// duration on the same connection and WAL, as the store is measured; returns rows per second of the measured part.
    /// </summary>
    public static double Run(string path, NewEvent sample, int batchSize, TimeSpan warmUp, TimeSpan duration)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using (var schema = connection.CreateCommand())
        {
            schema.CommandText = Ddl;
            schema.ExecuteNonQuery();
        }

        using var insert = connection.CreateCommand();
        insert.CommandText = """
            INSERT INTO events (stream_id, version, type, schema_version, occurred_at, data, metadata, hash, hash_scheme)
            VALUES ($stream, 1, $type, $schema, $at, $data, $metadata, $hash, 2)
            """;
        var stream = insert.Parameters.Add("$stream", SqliteType.Text);
        var at = insert.Parameters.Add("$at", SqliteType.Text);
        insert.Parameters.AddWithValue("$type", sample.Type);
        insert.Parameters.AddWithValue("$schema", sample.SchemaVersion);
        insert.Parameters.AddWithValue("$data", sample.Data);
        insert.Parameters.AddWithValue("$metadata", MetadataJson.Serialize(sample.Metadata));
        insert.Parameters.AddWithValue("$hash", Hash(sample));
        Insert(connection, insert, stream, at, batchSize, warmUp);
        return Insert(connection, insert, stream, at, batchSize, duration);
    }

    private static double Insert(SqliteConnection connection, SqliteCommand insert, SqliteParameter stream, SqliteParameter at, int batchSize, TimeSpan duration)
    {
        var rows = 0L;
        var started = Stopwatch.StartNew();
        while (started.Elapsed < duration)
        {
            using var transaction = connection.BeginTransaction();
            insert.Transaction = transaction;
            for (var i = 0; i < batchSize; i++)
            {
                stream.Value = StreamId.For(Guid.NewGuid()).Value;
                at.Value = EventHashChain.FormatTime(DateTimeOffset.UtcNow);
                insert.ExecuteNonQuery();
            }

            rows += batchSize;

            transaction.Commit();
        }

        return rows / started.Elapsed.TotalSeconds;
    }

    private static string Hash(NewEvent sample) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(sample.Data)));
}
