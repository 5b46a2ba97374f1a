using Microsoft.Data.Sqlite;

namespace Payments.Embedded.Sqlite;

/// <summary>
/// Opens the small SQLite files the embedded worker keeps beside the event log (job queue, ramp
/// transactions): WAL with synchronous=FULL, because a job or a conversion acknowledged and then lost
/// in a crash would be a lost payment or a double conversion.
/// </summary>
internal static class EmbeddedSqlite
{
    /// <summary>Synchronous on purpose: it runs once at startup, typically inside a DI factory.</summary>
    public static SqliteConnection Open(string path, string schema)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA busy_timeout=5000; " + schema;
        command.ExecuteNonQuery();
        return connection;
    }

    /// <summary>Runs <paramref name="action"/> alone on the file's one connection: a SQLite connection is not safe for concurrent use.</summary>
    public static async Task<T> Exclusive<T>(SemaphoreSlim gate, Func<Task<T>> action, CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await action().ConfigureAwait(false);
        }
        finally
        {
            gate.Release();
        }
    }

    public static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}
