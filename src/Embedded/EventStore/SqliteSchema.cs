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
            hash_scheme    INTEGER NOT NULL DEFAULT 1,
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
        AddHashSchemeColumn(connection);
    }

    /// <summary>Files written before hash schemes keep their events, all of them scheme 1 (the column's default).</summary>
    private static void AddHashSchemeColumn(SqliteConnection connection)
    {
        if (!HasHashScheme(connection))
        {
            Execute(connection, "ALTER TABLE events ADD COLUMN hash_scheme INTEGER NOT NULL DEFAULT 1;");
        }
    }

    /// <summary>Whether the events table has its hash_scheme column; a file no current writer has opened may not.</summary>
    public static bool HasHashScheme(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM pragma_table_info('events') WHERE name = 'hash_scheme'";
        return (long)command.ExecuteScalar()! > 0;
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
