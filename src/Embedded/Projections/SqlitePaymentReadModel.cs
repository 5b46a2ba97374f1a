using Microsoft.Data.Sqlite;
using Payments.Application.Reconciliation;
using Payments.Application.Sweeping;
using Payments.EventStore.Integrity;
using Payments.Projections.Projector;
using Payments.Projections.ReadModel;

namespace Payments.Embedded.Projections;

/// <summary>
/// The embedded payments read model in its own SQLite file (WAL): queries on pooled connections,
/// writes only through <see cref="SqliteProjectionBatch"/> from the projection consumer (or a rebuild).
/// </summary>
public sealed class SqlitePaymentReadModel : IPaymentReadModel, IPaymentSearch, IPaymentProjectionWriter, IStalledPaymentIndex, IRequestedPaymentIndex
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

    /// <summary>
    /// Opens the read model file for queries only, beside a running <c>serve</c>: nothing is created or upgraded (an index
    /// added since the file was created is simply not used until <c>serve</c> opens it).
    /// </summary>
    /// <exception cref="FileNotFoundException">There is no read model file at <paramref name="path"/>; nothing is created.</exception>
    public static SqlitePaymentReadModel OpenReadOnly(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new FileNotFoundException($"No payments read model at {full}.", full);
        }

        return new SqlitePaymentReadModel(new SqliteConnectionStringBuilder { DataSource = full, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
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
                AND ($attention_only = 0 OR attention IS NOT NULL)
            ORDER BY payment_id DESC LIMIT $limit
            """;
        command.Parameters.AddWithValue("$client", query.ClientId);
        command.Parameters.AddWithValue("$status", query.Status is { } status ? SqlitePaymentRows.Status(status) : DBNull.Value);
        command.Parameters.AddWithValue("$after", query.After is { } after ? SqlitePaymentRows.Id(after) : DBNull.Value);
        command.Parameters.AddWithValue("$limit", query.Limit + 1);
        command.Parameters.AddWithValue("$attention_only", query.AttentionOnly ? 1 : 0);
        var items = new List<PaymentRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            items.Add(SqlitePaymentRows.Read(reader));
        }

        return PaymentPages.Of(items, query.Limit);
    }

    public async Task<PaymentPage> Search(PaymentSearch search, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(search);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(search.Limit);
        await using var connection = await OpenReader(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {SqlitePaymentsSchema.Columns} FROM payments
            WHERE ($client IS NULL OR client_id = $client) AND ($status IS NULL OR status = $status)
                AND ($currency IS NULL OR currency = $currency) AND ($key IS NULL OR idempotency_key = $key)
                AND ($from IS NULL OR created_at >= $from) AND ($before IS NULL OR created_at < $before)
                AND ($after IS NULL OR payment_id < $after) AND ($attention_only = 0 OR attention IS NOT NULL)
            ORDER BY payment_id DESC LIMIT $limit
            """;
        command.Parameters.AddWithValue("$client", (object?)search.ClientId ?? DBNull.Value);
        command.Parameters.AddWithValue("$status", search.Status is { } status ? SqlitePaymentRows.Status(status) : DBNull.Value);
        command.Parameters.AddWithValue("$currency", (object?)search.Currency ?? DBNull.Value);
        command.Parameters.AddWithValue("$key", (object?)search.IdempotencyKey ?? DBNull.Value);
        command.Parameters.AddWithValue("$from", search.RequestedFrom is { } from ? EventHashChain.FormatTime(from) : DBNull.Value);
        command.Parameters.AddWithValue("$before", search.RequestedBefore is { } before ? EventHashChain.FormatTime(before) : DBNull.Value);
        command.Parameters.AddWithValue("$after", search.After is { } after ? SqlitePaymentRows.Id(after) : DBNull.Value);
        command.Parameters.AddWithValue("$attention_only", search.AttentionOnly ? 1 : 0);
        command.Parameters.AddWithValue("$limit", search.Limit + 1);
        var items = new List<PaymentRecord>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            items.Add(SqlitePaymentRows.Read(reader));
        }

        return PaymentPages.Of(items, search.Limit);
    }

    public async Task<IReadOnlyList<Guid>> FindStalled(DateTimeOffset idleSince, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReader(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT payment_id FROM payments
            WHERE status IN ('PENDING', 'PROCESSING') AND updated_at < $idle_since
            ORDER BY updated_at LIMIT $limit
            """;
        command.Parameters.AddWithValue("$idle_since", EventHashChain.FormatTime(idleSince));
        command.Parameters.AddWithValue("$limit", limit);
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ids.Add(Guid.Parse(reader.GetString(0)));
        }

        return ids;
    }

    public async Task<IReadOnlyList<Guid>> RequestedBetween(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReader(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT payment_id FROM payments WHERE created_at >= $from AND created_at < $to ORDER BY created_at, payment_id";
        command.Parameters.AddWithValue("$from", EventHashChain.FormatTime(from));
        command.Parameters.AddWithValue("$to", EventHashChain.FormatTime(to));
        var ids = new List<Guid>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            ids.Add(Guid.Parse(reader.GetString(0)));
        }

        return ids;
    }

    private async Task<SqliteConnection> OpenReader(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }
}
