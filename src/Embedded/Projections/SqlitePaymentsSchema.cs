using Microsoft.Data.Sqlite;

namespace Payments.Embedded.Projections;

/// <summary>
/// The embedded `payments` table (the spec's columns plus client_id and version), in its own file
/// (with the projection consumer's checkpoint): the read model can be dropped and rebuilt without
/// touching the ledger, and projector writes never queue behind the event log's writer lock.
/// </summary>
internal static class SqlitePaymentsSchema
{
    public const string Columns =
        "payment_id, client_id, idempotency_key, amount, currency, source_account, destination_account, status, on_ramp_tx_id, stablecoin_amount, off_ramp_tx_id, payout_amount, error_message, created_at, updated_at, processed_at, version, error_code, attention, reversal_tx_id";

    private const string Ddl = """
        CREATE TABLE IF NOT EXISTS payments (
            payment_id          TEXT PRIMARY KEY,
            client_id           TEXT NOT NULL,
            idempotency_key     TEXT NOT NULL,
            amount              TEXT NOT NULL,
            currency            TEXT NOT NULL,
            source_account      TEXT NOT NULL,
            destination_account TEXT NOT NULL,
            status              TEXT NOT NULL,
            on_ramp_tx_id       TEXT,
            stablecoin_amount   TEXT,
            off_ramp_tx_id      TEXT,
            payout_amount       TEXT,
            error_message       TEXT,
            created_at          TEXT NOT NULL,
            updated_at          TEXT NOT NULL,
            processed_at        TEXT,
            version             INTEGER NOT NULL CHECK (version >= 1)
        );
        CREATE INDEX IF NOT EXISTS payments_by_client ON payments (client_id, payment_id);
        CREATE INDEX IF NOT EXISTS payments_by_idempotency_key ON payments (idempotency_key);
        """;

    /// <summary>Columns added after the first release; files created before get them on open.</summary>
    private static readonly string[] AddedColumns = ["error_code TEXT", "attention TEXT", "reversal_tx_id TEXT"];

    /// <summary>The sweeper's index: only open payments, by how long they have been idle.</summary>
    private const string OpenIndex =
        "CREATE INDEX IF NOT EXISTS payments_open_by_idle ON payments (updated_at) WHERE status IN ('PENDING', 'PROCESSING');";

    /// <summary>Reconciliation's index: payments by the time they were requested.</summary>
    private const string RequestedIndex = "CREATE INDEX IF NOT EXISTS payments_by_created ON payments (created_at);";

    public static void Apply(SqliteConnection connection)
    {
        Execute(connection, "PRAGMA journal_mode=WAL;");
        Execute(connection, Ddl);
        var existing = ExistingColumns(connection);
        foreach (var column in AddedColumns.Where(c => !existing.Contains(c.Split(' ')[0])))
        {
            Execute(connection, $"ALTER TABLE payments ADD COLUMN {column};");
        }

        Execute(connection, OpenIndex);
        Execute(connection, RequestedIndex);
    }

    private static HashSet<string> ExistingColumns(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM pragma_table_info('payments')";
        using var reader = command.ExecuteReader();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    /// <summary>
    /// NORMAL, not FULL: WAL loses only a suffix of commits to a power cut, so rows lost that way
    /// lie after the (later-committed) checkpoint and are re-applied from the durable log.
    /// </summary>
    public static void ConfigureWriter(SqliteConnection connection)
    {
        Execute(connection, "PRAGMA synchronous=NORMAL;");
        Execute(connection, "PRAGMA busy_timeout=10000;");
    }

    public static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
