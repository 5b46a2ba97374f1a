using Microsoft.Data.Sqlite;
using Payments.Projections.Projector;
using Payments.Projections.ReadModel;

namespace Payments.Embedded.Projections;

/// <summary>
/// One write transaction on the read model: the rows of a page of events commit together.
/// Begun IMMEDIATE so a second writer (a rebuild in another process) waits instead of interleaving.
/// </summary>
public sealed class SqliteProjectionBatch : IPaymentProjectionBatch
{
    private const string Upsert = $"""
        INSERT INTO payments ({SqlitePaymentsSchema.Columns})
        VALUES ($payment_id, $client_id, $idempotency_key, $amount, $currency, $source_account, $destination_account, $status,
                $on_ramp_tx_id, $stablecoin_amount, $off_ramp_tx_id, $payout_amount, $error_message, $created_at, $updated_at, $processed_at, $version,
                $error_code, $attention, $reversal_tx_id)
        ON CONFLICT (payment_id) DO UPDATE SET
            status = excluded.status, on_ramp_tx_id = excluded.on_ramp_tx_id, stablecoin_amount = excluded.stablecoin_amount,
            off_ramp_tx_id = excluded.off_ramp_tx_id, payout_amount = excluded.payout_amount, error_message = excluded.error_message,
            updated_at = excluded.updated_at, processed_at = excluded.processed_at, version = excluded.version,
            error_code = excluded.error_code, attention = excluded.attention, reversal_tx_id = excluded.reversal_tx_id
        WHERE payments.version = $expected
        """;

    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;

    private SqliteProjectionBatch(SqliteConnection connection, SqliteTransaction transaction)
    {
        _connection = connection;
        _transaction = transaction;
    }

    internal static SqliteProjectionBatch Begin(string connectionString)
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        SqlitePaymentsSchema.ConfigureWriter(connection);
        return new SqliteProjectionBatch(connection, connection.BeginTransaction(deferred: false));
    }

    public async Task<PaymentRecord?> Load(Guid paymentId, CancellationToken cancellationToken)
    {
        await using var command = Command($"SELECT {SqlitePaymentsSchema.Columns} FROM payments WHERE payment_id = $id");
        command.Parameters.AddWithValue("$id", SqlitePaymentRows.Id(paymentId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? SqlitePaymentRows.Read(reader) : null;
    }

    public async Task<bool> Save(PaymentRecord record, long expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await using var command = Command(Upsert);
        SqlitePaymentRows.Bind(command, record);
        command.Parameters.AddWithValue("$expected", expectedVersion);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>Deletes every row: the first step of a rebuild.</summary>
    public async Task Clear(CancellationToken cancellationToken)
    {
        await using var command = Command("DELETE FROM payments;");
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public Task Commit(CancellationToken cancellationToken) => _transaction.CommitAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _transaction.DisposeAsync().ConfigureAwait(false);
        await _connection.DisposeAsync().ConfigureAwait(false);
    }

    private SqliteCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.Transaction = _transaction;
        command.CommandText = sql;
        return command;
    }
}
