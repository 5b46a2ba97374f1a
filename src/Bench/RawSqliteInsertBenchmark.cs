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
    private const string Durability = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL;";

    private static string EventsTableOf(string storeFile)
    {
        using var store = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = storeFile, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        store.Open();
        using var select = store.CreateCommand();
        select.CommandText = "SELECT sql FROM sqlite_master WHERE tbl_name = 'events' AND sql IS NOT NULL ORDER BY type DESC";
        using var reader = select.ExecuteReader();
        var statements = new StringBuilder();
        while (reader.Read())
        {
            statements.Append(reader.GetString(0)).Append(';');
        }

        return statements.ToString();
    }

    /// <summary>Bytes of one row's values as stored text (the same for the store and the raw inserts).</summary>
    public static int RowBytes(NewEvent sample) =>
        Encoding.UTF8.GetByteCount(StreamId.For(Guid.NewGuid()).Value + sample.Type + EventHashChain.FormatTime(DateTimeOffset.UtcNow) + sample.Data + MetadataJson.Serialize(sample.Metadata) + Hash(sample));

    /// <summary>
    /// Inserts rows of <paramref name="sample"/> in transactions of <paramref name="batchSize"/>: a warm-up, then the measured
    /// duration on the same connection and WAL, as the store is measured; returns rows per second of the measured part.
    /// </summary>
    /// <param name="storeFile">An events file the store made: its events table (and indexes) is copied, so the two never differ.</param>
    public static double Run(string path, string storeFile, NewEvent sample, int batchSize, TimeSpan warmUp, TimeSpan duration)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using (var schema = connection.CreateCommand())
        {
            schema.CommandText = Durability + EventsTableOf(storeFile);
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
