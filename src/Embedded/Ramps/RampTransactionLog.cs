using Payments.Application.Ramps.Sandbox;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Payments.Domain.Ramps;
using Payments.Embedded.Sqlite;

namespace Payments.Embedded.Ramps;

/// <summary>
/// The mock providers' durable memory: the first transaction recorded for a request key wins and is returned for
/// every later call with that key, across process restarts. Calls and executions are counted per key so tests
/// and operators can check that no leg ever converted twice.
/// </summary>
public sealed class RampTransactionLog : IRampExecutionLog, IAsyncDisposable
{
    public const string FileName = "ramps.db";

    private const string Schema = """
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

    private readonly SqliteConnection _connection;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private RampTransactionLog(SqliteConnection connection, TimeProvider time)
    {
        _connection = connection;
        _time = time;
    }

    public static RampTransactionLog Open(string path, TimeProvider time) => new(EmbeddedSqlite.Open(path, Schema), time);

    /// <summary>Counts a call for the key and returns its recorded transaction, if any.</summary>
    public Task<RampTransaction?> FindAndCountCall(RampRequestKey key, CancellationToken cancellationToken) =>
        Locked(async () =>
        {
            await using var count = Command("UPDATE ramp_transactions SET calls = calls + 1 WHERE request_key = $key", ("$key", key.Value));
            await count.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return await Find(key.Value, cancellationToken).ConfigureAwait(false);
        }, cancellationToken);

    public Task<RampTransaction?> Find(RampRequestKey key, CancellationToken cancellationToken) =>
        Locked(() => Find(key.Value, cancellationToken), cancellationToken);

    /// <summary>Records <paramref name="candidate"/> unless the key already has a transaction; returns the one that stands.</summary>
    public Task<RampTransaction> Record(RampTransaction candidate, CancellationToken cancellationToken) =>
        Locked(async () =>
        {
            await using var insert = Command(
                """
                INSERT INTO ramp_transactions (request_key, leg, transaction_id, amount, rate, refusal_reason, executions, calls, recorded_at)
                VALUES ($key, $leg, $tx, $amount, $rate, $refusal, 1, 1, $now)
                ON CONFLICT (request_key) DO UPDATE SET calls = calls + 1
                """,
                ("$key", candidate.RequestKey),
                ("$leg", candidate.Leg.ToString()),
                ("$tx", candidate.TransactionId),
                ("$amount", candidate.Amount.ToString(CultureInfo.InvariantCulture)),
                ("$rate", candidate.Rate.ToString(CultureInfo.InvariantCulture)),
                ("$refusal", candidate.RefusalReason),
                ("$now", _time.GetUtcNow().ToUnixTimeMilliseconds()));
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return (await Find(candidate.RequestKey, cancellationToken).ConfigureAwait(false))!;
        }, cancellationToken);

    public Task<IReadOnlyList<RampKeyUsage>> Usage(CancellationToken cancellationToken) =>
        Locked<IReadOnlyList<RampKeyUsage>>(async () =>
        {
            await using var select = Command("SELECT request_key, calls, executions FROM ramp_transactions ORDER BY request_key");
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
        await _connection.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
    }

    private async Task<RampTransaction?> Find(string key, CancellationToken cancellationToken)
    {
        await using var select = Command(
            "SELECT request_key, leg, transaction_id, amount, rate, refusal_reason FROM ramp_transactions WHERE request_key = $key", ("$key", key));
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new RampTransaction(
            reader.GetString(0),
            Enum.Parse<RampLeg>(reader.GetString(1)),
            await reader.IsDBNullAsync(2, cancellationToken).ConfigureAwait(false) ? null : reader.GetString(2),
            decimal.Parse(reader.GetString(3), CultureInfo.InvariantCulture),
            decimal.Parse(reader.GetString(4), CultureInfo.InvariantCulture),
            await reader.IsDBNullAsync(5, cancellationToken).ConfigureAwait(false) ? null : reader.GetString(5));
    }

    private SqliteCommand Command(string sql, params (string Name, object? Value)[] parameters) =>
        EmbeddedSqlite.Command(_connection, null, sql, parameters);

    private Task<T> Locked<T>(Func<Task<T>> action, CancellationToken cancellationToken) =>
        EmbeddedSqlite.Exclusive(_gate, action, cancellationToken);
}
