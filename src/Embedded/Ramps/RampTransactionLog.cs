using Payments.Application.Ramps.Sandbox;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Payments.Domain.Ramps;
using Payments.Embedded.Sqlite;
using Payments.EventStore.Integrity;

namespace Payments.Embedded.Ramps;

/// <summary>
/// The mock providers' durable memory: the first transaction recorded for a request key wins and is returned for
/// every later call with that key, across process restarts. Calls and executions are counted per key so tests
/// and operators can check that no leg ever converted twice.
/// </summary>
public sealed class RampTransactionLog : IRampExecutionLog, IAsyncDisposable
{
    public const string FileName = "ramps.db";

    private const string Columns = "request_key, leg, transaction_id, amount, rate, refusal_reason, currency, executed_at";

    private readonly SqliteConnection _connection;
    private readonly TimeProvider _time;
    private readonly SqliteGroupCommit _commits;

    /// <summary>What the row columns are read as: the columns themselves, or on a read-only older file, what they are filled from.</summary>
    private readonly string _selected;

    private RampTransactionLog(SqliteConnection connection, TimeProvider time, string selected, bool readOnly)
    {
        _connection = connection;
        _commits = new SqliteGroupCommit(connection, readOnly);
        _time = time;
        _selected = selected;
    }

    /// <summary>Opens (creating or upgrading) the log for the mock providers.</summary>
    public static RampTransactionLog Open(string path, TimeProvider time)
    {
        var connection = EmbeddedSqlite.Open(path, "");
        RampTransactionsSchema.Apply(connection);
        return new RampTransactionLog(connection, time, Columns, readOnly: false);
    }

    /// <summary>
    /// Opens the log read-only, for statements beside a running <c>serve</c>: nothing is created or upgraded, and a file
    /// from before execution times were kept is read as the upgrade would fill it.
    /// </summary>
    /// <exception cref="FileNotFoundException">There is no ramps file at <paramref name="path"/>; nothing is created.</exception>
    public static RampTransactionLog OpenReadOnly(string path, TimeProvider time)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"No ramp transaction log at {full}.", full);
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = full, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        var columns = RampTransactionsSchema.Columns(connection);
        var currency = columns.Contains("currency") ? "currency" : $"{RampTransactionsSchema.LegacyCurrency} AS currency";
        var executedAt = columns.Contains("executed_at") ? "executed_at" : $"{RampTransactionsSchema.LegacyExecutedAt} AS executed_at";
        var selected = Columns.Replace(", currency, executed_at", $", {currency}, {executedAt}", StringComparison.Ordinal);
        return new RampTransactionLog(connection, time, selected, readOnly: true);
    }

    /// <summary>Counts a call for the key and returns its recorded transaction, if any.</summary>
    public Task<RampTransaction?> FindAndCountCall(RampRequestKey key, CancellationToken cancellationToken) =>
        InSharedCommit(async transaction =>
        {
            await using var count = Command(transaction, "UPDATE ramp_transactions SET calls = calls + 1 WHERE request_key = $key", ("$key", key.Value));
            await count.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return await Find(transaction, key.Value, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    public Task<RampTransaction?> Find(RampRequestKey key, CancellationToken cancellationToken) =>
        InSharedCommit(transaction => Find(transaction, key.Value, cancellationToken), cancellationToken);

    /// <summary>Records <paramref name="candidate"/> unless the key already has a transaction; returns the one that stands.</summary>
    public Task<RampTransaction> Record(RampTransaction candidate, CancellationToken cancellationToken) =>
        InSharedCommit(async transaction =>
        {
            await using var insert = Command(
                transaction,
                """
                INSERT INTO ramp_transactions (request_key, leg, transaction_id, amount, rate, refusal_reason, currency, executed_at, executions, calls, recorded_at)
                VALUES ($key, $leg, $tx, $amount, $rate, $refusal, $currency, $executed_at, 1, 1, $now)
                ON CONFLICT (request_key) DO UPDATE SET calls = calls + 1
                """,
                ("$key", candidate.RequestKey),
                ("$leg", candidate.Leg.ToString()),
                ("$tx", candidate.TransactionId),
                ("$amount", candidate.Amount.ToString(CultureInfo.InvariantCulture)),
                ("$rate", candidate.Rate.ToString(CultureInfo.InvariantCulture)),
                ("$refusal", candidate.RefusalReason),
                ("$currency", candidate.Currency),
                ("$executed_at", candidate.ExecutedAt is { } executedAt ? EventHashChain.FormatTime(executedAt) : null),
                ("$now", _time.GetUtcNow().ToUnixTimeMilliseconds()));
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return (await Find(transaction, candidate.RequestKey, cancellationToken).ConfigureAwait(false))!;
        }, cancellationToken);

    public Task<IReadOnlyList<RampTransaction>> Executed(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        InSharedCommit<IReadOnlyList<RampTransaction>>(async transaction =>
        {
            await using var select = Command(
                transaction,
                $"SELECT * FROM (SELECT {_selected} FROM ramp_transactions WHERE transaction_id IS NOT NULL) " +
                "WHERE executed_at >= $from AND executed_at < $to ORDER BY executed_at, transaction_id",
                ("$from", EventHashChain.FormatTime(from)),
                ("$to", EventHashChain.FormatTime(to)));
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var executed = new List<RampTransaction>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                executed.Add(await Read(reader, cancellationToken).ConfigureAwait(false));
            }

            return executed;
        }, cancellationToken);

    public Task<IReadOnlyList<RampKeyUsage>> Usage(CancellationToken cancellationToken) =>
        InSharedCommit<IReadOnlyList<RampKeyUsage>>(async transaction =>
        {
            await using var select = Command(transaction, "SELECT request_key, calls, executions FROM ramp_transactions ORDER BY request_key");
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            var usage = new List<RampKeyUsage>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                usage.Add(new RampKeyUsage(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2)));
            }

            return usage;
        }, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _commits.DisposeAsync().ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    private async Task<RampTransaction?> Find(SqliteTransaction transaction, string key, CancellationToken cancellationToken)
    {
        await using var select = Command(transaction, $"SELECT {_selected} FROM ramp_transactions WHERE request_key = $key", ("$key", key));
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? await Read(reader, cancellationToken).ConfigureAwait(false) : null;
    }

    private static async Task<RampTransaction> Read(SqliteDataReader reader, CancellationToken cancellationToken) => new(
        reader.GetString(0),
        Enum.Parse<RampLeg>(reader.GetString(1)),
        await Text(reader, 2, cancellationToken).ConfigureAwait(false),
        decimal.Parse(reader.GetString(3), CultureInfo.InvariantCulture),
        decimal.Parse(reader.GetString(4), CultureInfo.InvariantCulture),
        await Text(reader, 5, cancellationToken).ConfigureAwait(false),
        await Text(reader, 6, cancellationToken).ConfigureAwait(false),
        await Text(reader, 7, cancellationToken).ConfigureAwait(false) is { } executedAt ? EventHashChain.ParseTime(executedAt) : null);

    private static async Task<string?> Text(SqliteDataReader reader, int ordinal, CancellationToken cancellationToken) =>
        await reader.IsDBNullAsync(ordinal, cancellationToken).ConfigureAwait(false) ? null : reader.GetString(ordinal);

    private SqliteCommand Command(SqliteTransaction transaction, string sql, params (string Name, object? Value)[] parameters) =>
        EmbeddedSqlite.Command(_connection, transaction, sql, parameters);

    /// <summary>Runs <paramref name="action"/> in the file's next shared transaction: one fsync for every ramp call waiting on it.</summary>
    private Task<T> InSharedCommit<T>(Func<SqliteTransaction, Task<T>> action, CancellationToken cancellationToken) =>
        _commits.Run(action, cancellationToken);
}
