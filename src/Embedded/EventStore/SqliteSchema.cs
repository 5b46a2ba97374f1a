using Microsoft.Data.Sqlite;

namespace Payments.Embedded.EventStore;

/// <summary>Tables of the embedded log. Position is the rowid, assigned inside the single writer's transaction, so it has no gaps.</summary>
internal static class SqliteSchema
{
    private const string Ddl = """
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
            UNIQUE (stream_id, version)
        );
        CREATE TABLE IF NOT EXISTS unique_keys (
            key         TEXT PRIMARY KEY,
            stream_id   TEXT NOT NULL,
            fingerprint TEXT NOT NULL,
            reserved_at TEXT NOT NULL
        );
        """;

    public static void Apply(SqliteConnection connection)
    {
        Execute(connection, "PRAGMA journal_mode=WAL;");
        Execute(connection, Ddl);
    }

    /// <summary>Durability first: a commit returns only after the WAL is fsynced.</summary>
    public static void ConfigureWriter(SqliteConnection connection)
    {
        Execute(connection, "PRAGMA synchronous=FULL;");
        Execute(connection, "PRAGMA busy_timeout=5000;");
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
