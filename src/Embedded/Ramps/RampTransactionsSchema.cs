using Microsoft.Data.Sqlite;

namespace Payments.Embedded.Ramps;

/// <summary>
/// The <c>ramp_transactions</c> table of ramps.db. Currency and execution time came later: a file created before gets
/// the columns on open, and its executed rows are filled from what they already hold (see <see cref="LegacyExecutedAt"/>
/// and <see cref="LegacyCurrency"/>), so they appear on statements like every later row.
/// </summary>
internal static class RampTransactionsSchema
{
    public const string Table = """
        CREATE TABLE IF NOT EXISTS ramp_transactions (
            request_key    TEXT PRIMARY KEY,
            leg            TEXT NOT NULL,
            transaction_id TEXT,
            amount         TEXT NOT NULL,
            rate           TEXT NOT NULL,
            refusal_reason TEXT,
            executions     INTEGER NOT NULL,
            calls          INTEGER NOT NULL,
            recorded_at    INTEGER NOT NULL
        );
        """;

    /// <summary>
    /// A row recorded before execution times were kept executed when it was recorded: the log wrote it, by the same
    /// clock, right after the provider converted (a refusal executed nothing and gets none). recorded_at is Unix milliseconds; the result has the format of
    /// <see cref="Payments.EventStore.Integrity.EventHashChain.FormatTime"/>, so old and new rows sort together.
    /// </summary>
    public const string LegacyExecutedAt =
        "CASE WHEN transaction_id IS NOT NULL THEN strftime('%Y-%m-%dT%H:%M:%S', recorded_at / 1000, 'unixepoch') || '.' || printf('%03d', recorded_at % 1000) || '0000Z' END";

    /// <summary>
    /// An on-ramp always came out in the stablecoin; a payout came out in the payment's currency, which ramps.db never
    /// held, so an old payout row states none and the reconciler compares its amount only.
    /// </summary>
    public const string LegacyCurrency = "CASE WHEN transaction_id IS NOT NULL AND leg = 'OnRamp' THEN 'USDC' END";

    private const string StatementIndex =
        "CREATE INDEX IF NOT EXISTS ramp_transactions_executed ON ramp_transactions (executed_at) WHERE transaction_id IS NOT NULL;";

    /// <summary>Creates the table, adds the later columns to an older file and fills them for its executed rows, in one transaction.</summary>
    public static void Apply(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction();
        Execute(connection, transaction, Table);
        var columns = Columns(connection, transaction);
        if (!columns.Contains("executed_at"))
        {
            Execute(connection, transaction, "ALTER TABLE ramp_transactions ADD COLUMN executed_at TEXT;");
            Execute(connection, transaction, $"UPDATE ramp_transactions SET executed_at = {LegacyExecutedAt} WHERE transaction_id IS NOT NULL;");
        }

        if (!columns.Contains("currency"))
        {
            Execute(connection, transaction, "ALTER TABLE ramp_transactions ADD COLUMN currency TEXT;");
            Execute(connection, transaction, $"UPDATE ramp_transactions SET currency = {LegacyCurrency} WHERE transaction_id IS NOT NULL;");
        }

        Execute(connection, transaction, StatementIndex);
        transaction.Commit();
    }

    public static HashSet<string> Columns(SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT name FROM pragma_table_info('ramp_transactions')";
        using var reader = command.ExecuteReader();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
