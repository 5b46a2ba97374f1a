using Microsoft.Data.Sqlite;
using Payments.Projections.Projector;
using Payments.Projections.ReadModel;

namespace Payments.Embedded.Projections;

/// <summary>
/// The embedded payments read model in its own SQLite file (WAL): queries on pooled connections,
/// writes only through <see cref="SqliteProjectionBatch"/> from the projection consumer (or a rebuild).
/// </summary>
public sealed class SqlitePaymentReadModel : IPaymentReadModel, IPaymentProjectionWriter
{
    public const string DefaultFileName = "payments.db";

    private SqlitePaymentReadModel(string connectionString) => ConnectionString = connectionString;

    public string ConnectionString { get; }

    /// <summary>Opens (creating if needed) the read model file at <paramref name="path"/>.</summary>
    public static SqlitePaymentReadModel Open(string path)
    {
        var full = Path.GetFullPath(path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = full, Pooling = true }.ToString();
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        SqlitePaymentsSchema.Apply(connection);
        return new SqlitePaymentReadModel(connectionString);
    }

    public SqliteProjectionBatch BeginBatch() => SqliteProjectionBatch.Begin(ConnectionString);

    public Task<IPaymentProjectionBatch> Begin(CancellationToken cancellationToken) => Task.FromResult<IPaymentProjectionBatch>(BeginBatch());

    public async Task<PaymentRecord?> Find(Guid paymentId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReader(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {SqlitePaymentsSchema.Columns} FROM payments WHERE payment_id = $id";
        command.Parameters.AddWithValue("$id", SqlitePaymentRows.Id(paymentId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? SqlitePaymentRows.Read(reader) : null;
    }

    public async Task<PaymentPage> List(PaymentQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(query.Limit);
        await using var connection = await OpenReader(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {SqlitePaymentsSchema.Columns} FROM payments
            WHERE client_id = $client AND ($status IS NULL OR status = $status) AND ($after IS NULL OR payment_id < $after)
            ORDER BY payment_id DESC LIMIT $limit
            """;
        command.Parameters.AddWithValue("$client", query.ClientId);
        command.Parameters.AddWithValue("$status", query.Status is { } status ? SqlitePaymentRows.Status(status) : DBNull.Value);
        command.Parameters.AddWithValue("$after", query.After is { } after ? SqlitePaymentRows.Id(after) : DBNull.Value);
        command.Parameters.AddWithValue("$limit", query.Limit + 1);
        var items = new List<PaymentRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            items.Add(SqlitePaymentRows.Read(reader));
        }

        return PaymentPages.Of(items, query.Limit);
    }

    private async Task<SqliteConnection> OpenReader(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }
}
