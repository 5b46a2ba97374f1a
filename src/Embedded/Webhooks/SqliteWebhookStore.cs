using Microsoft.Data.Sqlite;
using Payments.Application.Webhooks.Deliveries;
using Payments.Application.Webhooks.Endpoints;
using Payments.Embedded.Sqlite;
using static Payments.Embedded.Webhooks.SqliteWebhookRows;

namespace Payments.Embedded.Webhooks;

/// <summary>
/// Webhook endpoints, messages, deliveries and attempts in one SQLite file. Every query of a method that takes a
/// client id is scoped by it, so one client's id never reaches another's rows.
/// </summary>
public sealed class SqliteWebhookStore : IWebhookEndpointStore, IWebhookDeliveryStore, IAsyncDisposable
{
    public const string FileName = "webhooks.db";

    private const string Schema = """
        CREATE TABLE IF NOT EXISTS endpoints (
            endpoint_id                TEXT    PRIMARY KEY,
            client_id                  TEXT    NOT NULL,
            url                        TEXT    NOT NULL,
            event_types                TEXT    NOT NULL,
            description                TEXT,
            enabled                    INTEGER NOT NULL,
            disabled_reason            TEXT,
            disabled_at                INTEGER,
            sealed_secret              TEXT    NOT NULL,
            previous_sealed_secret     TEXT,
            previous_secret_expires_at INTEGER,
            failing_since              INTEGER,
            created_at                 INTEGER NOT NULL,
            updated_at                 INTEGER NOT NULL,
            revision                   INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS endpoints_by_client ON endpoints (client_id, created_at);
        CREATE TABLE IF NOT EXISTS messages (
            message_id TEXT    PRIMARY KEY,
            client_id  TEXT    NOT NULL,
            event_type TEXT    NOT NULL,
            payment_id TEXT,
            sequence   INTEGER,
            timestamp  INTEGER NOT NULL,
            payload    TEXT    NOT NULL
        );
        CREATE INDEX IF NOT EXISTS messages_by_client_time ON messages (client_id, timestamp);
        CREATE TABLE IF NOT EXISTS deliveries (
            delivery_id      TEXT    PRIMARY KEY,
            message_id       TEXT    NOT NULL,
            endpoint_id      TEXT    NOT NULL,
            client_id        TEXT    NOT NULL,
            event_type       TEXT    NOT NULL,
            payment_id       TEXT,
            state            TEXT    NOT NULL,
            attempts         INTEGER NOT NULL,
            round_attempts   INTEGER NOT NULL,
            last_status_code INTEGER,
            last_error       TEXT,
            next_attempt_at  INTEGER,
            created_at       INTEGER NOT NULL,
            updated_at       INTEGER NOT NULL
        );
        CREATE INDEX IF NOT EXISTS deliveries_by_payment ON deliveries (client_id, payment_id);
        CREATE TABLE IF NOT EXISTS attempts (
            delivery_id     TEXT    NOT NULL,
            attempt         INTEGER NOT NULL,
            message_id      TEXT    NOT NULL,
            endpoint_id     TEXT    NOT NULL,
            client_id       TEXT    NOT NULL,
            event_type      TEXT    NOT NULL,
            payment_id      TEXT,
            at              INTEGER NOT NULL,
            status_code     INTEGER,
            latency_ms      INTEGER NOT NULL,
            error           TEXT,
            next_attempt_at INTEGER,
            PRIMARY KEY (delivery_id, attempt)
        );
        CREATE INDEX IF NOT EXISTS attempts_by_endpoint ON attempts (client_id, endpoint_id, at DESC);
        """;

    private const int SqliteConstraint = 19;

    private static readonly string InsertEndpoint = $"INSERT INTO endpoints ({EndpointColumns}) VALUES ({Parameters(EndpointColumns)})";

    private static readonly string InsertMessage =
        $"INSERT INTO messages ({MessageColumns}) VALUES ({Parameters(MessageColumns)}) ON CONFLICT (message_id) DO NOTHING";

    private static readonly string InsertDelivery =
        $"INSERT INTO deliveries ({DeliveryColumns}) VALUES ({Parameters(DeliveryColumns)}) ON CONFLICT (delivery_id) DO NOTHING";

    /// <summary>A replace keeps what names the delivery (message, endpoint, client, creation) and takes its state.</summary>
    private static readonly string UpsertDelivery = $"""
        INSERT INTO deliveries ({DeliveryColumns}) VALUES ({Parameters(DeliveryColumns)})
        ON CONFLICT (delivery_id) DO UPDATE SET
            state = excluded.state, attempts = excluded.attempts, round_attempts = excluded.round_attempts,
            last_status_code = excluded.last_status_code, last_error = excluded.last_error,
            next_attempt_at = excluded.next_attempt_at, updated_at = excluded.updated_at
        """;

    private static readonly string InsertAttempt =
        $"INSERT INTO attempts ({AttemptColumns}) VALUES ({Parameters(AttemptColumns)}) ON CONFLICT (delivery_id, attempt) DO NOTHING";

    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private SqliteWebhookStore(SqliteConnection connection) => _connection = connection;

    public static SqliteWebhookStore Open(string path) => new(EmbeddedSqlite.Open(path, Schema));

    public Task Add(WebhookEndpoint endpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return Locked(async () =>
        {
            await using var insert = Command(null, InsertEndpoint);
            Bind(insert, endpoint);
            try
            {
                return await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (SqliteException e) when (e.SqliteErrorCode == SqliteConstraint)
            {
                throw new InvalidOperationException($"Webhook endpoint {endpoint.EndpointId} already exists.", e);
            }
        }, cancellationToken);
    }

    public Task<WebhookEndpoint?> Find(string clientId, string endpointId, CancellationToken cancellationToken) =>
        Locked(async () => (await Read(
            $"SELECT {EndpointColumns} FROM endpoints WHERE client_id = $client AND endpoint_id = $id",
            Endpoint,
            cancellationToken,
            ("$client", clientId),
            ("$id", endpointId)).ConfigureAwait(false)).SingleOrDefault(), cancellationToken);

    public Task<IReadOnlyList<WebhookEndpoint>> ListFor(string clientId, CancellationToken cancellationToken) =>
        Locked(() => Read(
            $"SELECT {EndpointColumns} FROM endpoints WHERE client_id = $client ORDER BY created_at, rowid",
            Endpoint,
            cancellationToken,
            ("$client", clientId)), cancellationToken);

    public Task<bool> Replace(WebhookEndpoint endpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        return Locked(async () =>
        {
            await using var update = Command(
                null,
                """
                UPDATE endpoints SET
                    url = $url, event_types = $event_types, description = $description, enabled = $enabled,
                    disabled_reason = $disabled_reason, disabled_at = $disabled_at, sealed_secret = $sealed_secret,
                    previous_sealed_secret = $previous_sealed_secret, previous_secret_expires_at = $previous_secret_expires_at,
                    failing_since = $failing_since, updated_at = $updated_at, revision = $revision
                WHERE endpoint_id = $endpoint_id AND client_id = $client_id AND revision = $revision - 1
                """);
            Bind(update, endpoint);
            return await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }, cancellationToken);
    }

    public Task<bool> Remove(string clientId, string endpointId, CancellationToken cancellationToken) =>
        Locked(async () =>
        {
            await using var delete = Command(null, "DELETE FROM endpoints WHERE client_id = $client AND endpoint_id = $id", ("$client", clientId), ("$id", endpointId));
            return await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }, cancellationToken);

    public Task<WebhookMessage> AddMessage(WebhookMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        return InsertOnce(InsertMessage, insert => Bind(insert, message), () => FindMessageUnlocked(message.MessageId, cancellationToken), cancellationToken);
    }

    public Task<WebhookMessage?> FindMessage(string messageId, CancellationToken cancellationToken) =>
        Locked(() => FindMessageUnlocked(messageId, cancellationToken), cancellationToken);

    public Task<IReadOnlyList<WebhookMessage>> MessagesFor(string clientId, DateTimeOffset since, DateTimeOffset until, int limit, CancellationToken cancellationToken) =>
        Locked(() => Read(
            $"""
            SELECT {MessageColumns} FROM messages
            WHERE client_id = $client AND timestamp >= $since AND timestamp < $until
            ORDER BY timestamp, message_id LIMIT $limit
            """,
            Message,
            cancellationToken,
            ("$client", clientId),
            ("$since", Millis(since)),
            ("$until", Millis(until)),
            ("$limit", limit)), cancellationToken);

    public Task<WebhookDelivery> OpenDelivery(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return InsertOnce(InsertDelivery, insert => Bind(insert, delivery), () => FindDeliveryUnlocked(delivery.DeliveryId, cancellationToken), cancellationToken);
    }

    public Task<WebhookDelivery?> FindDelivery(string deliveryId, CancellationToken cancellationToken) =>
        Locked(() => FindDeliveryUnlocked(deliveryId, cancellationToken), cancellationToken);

    public Task<bool> Claim(string deliveryId, int attempts, DateTimeOffset now, DateTimeOffset leaseUntil, CancellationToken cancellationToken) =>
        Locked(async () =>
        {
            await using var claim = Command(
                null,
                """
                UPDATE deliveries SET next_attempt_at = $lease
                WHERE delivery_id = $id AND attempts = $attempts AND state = $pending AND (next_attempt_at IS NULL OR next_attempt_at <= $now)
                """,
                ("$lease", Millis(leaseUntil)),
                ("$id", deliveryId),
                ("$attempts", attempts),
                ("$pending", nameof(WebhookDeliveryState.Pending)),
                ("$now", Millis(now)));
            return await claim.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }, cancellationToken);

    public Task SaveDelivery(WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        return Locked(async () =>
        {
            await using var upsert = Command(null, UpsertDelivery);
            Bind(upsert, delivery);
            return await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);
    }

    /// <summary>A repeat of a recorded (delivery, attempt) changes nothing, the delivery included: the first record stands.</summary>
    public Task<bool> RecordAttempt(WebhookAttempt attempt, WebhookDelivery delivery, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        ArgumentNullException.ThrowIfNull(delivery);
        if (!string.Equals(attempt.DeliveryId, delivery.DeliveryId, StringComparison.Ordinal))
        {
            throw new ArgumentException($"Attempt of delivery {attempt.DeliveryId} recorded with delivery {delivery.DeliveryId}.", nameof(delivery));
        }

        return Locked(async () =>
        {
            await using var transaction = (SqliteTransaction)await _connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using var insert = Command(transaction, InsertAttempt);
            Bind(insert, attempt);
            var recorded = await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
            if (recorded)
            {
                await using var upsert = Command(transaction, UpsertDelivery);
                Bind(upsert, delivery);
                await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return recorded;
        }, cancellationToken);
    }

    public Task<IReadOnlyList<WebhookDelivery>> DeliveriesForPayment(string clientId, Guid paymentId, CancellationToken cancellationToken) =>
        Locked(() => Read(
            $"SELECT {DeliveryColumns} FROM deliveries WHERE client_id = $client AND payment_id = $payment ORDER BY created_at, delivery_id",
            Delivery,
            cancellationToken,
            ("$client", clientId),
            ("$payment", Id(paymentId))), cancellationToken);

    public Task<IReadOnlyList<WebhookAttempt>> AttemptsForDelivery(string deliveryId, CancellationToken cancellationToken) =>
        Locked(() => Read(
            $"SELECT {AttemptColumns} FROM attempts WHERE delivery_id = $delivery ORDER BY attempt",
            Attempt,
            cancellationToken,
            ("$delivery", deliveryId)), cancellationToken);

    public Task<IReadOnlyList<WebhookAttempt>> AttemptsForEndpoint(string clientId, string endpointId, int limit, CancellationToken cancellationToken) =>
        Locked(() => Read(
            $"""
            SELECT {AttemptColumns} FROM attempts WHERE client_id = $client AND endpoint_id = $endpoint
            ORDER BY at DESC, delivery_id DESC, attempt DESC LIMIT $limit
            """,
            Attempt,
            cancellationToken,
            ("$client", clientId),
            ("$endpoint", endpointId),
            ("$limit", limit)), cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync().ConfigureAwait(false);
        _gate.Dispose();
    }

    /// <summary>Inserts unless the row exists, then reads back the row that stands: the first write wins.</summary>
    private Task<T> InsertOnce<T>(string insertSql, Action<SqliteCommand> bind, Func<Task<T?>> stored, CancellationToken cancellationToken)
        where T : class =>
        Locked(async () =>
        {
            await using var insert = Command(null, insertSql);
            bind(insert);
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return await stored().ConfigureAwait(false) ?? throw new InvalidOperationException("An inserted webhook row is missing.");
        }, cancellationToken);

    private async Task<WebhookMessage?> FindMessageUnlocked(string messageId, CancellationToken cancellationToken) =>
        (await Read($"SELECT {MessageColumns} FROM messages WHERE message_id = $id", Message, cancellationToken, ("$id", messageId)).ConfigureAwait(false))
            .SingleOrDefault();

    private async Task<WebhookDelivery?> FindDeliveryUnlocked(string deliveryId, CancellationToken cancellationToken) =>
        (await Read($"SELECT {DeliveryColumns} FROM deliveries WHERE delivery_id = $id", Delivery, cancellationToken, ("$id", deliveryId)).ConfigureAwait(false))
            .SingleOrDefault();

    private async Task<IReadOnlyList<T>> Read<T>(
        string sql, Func<SqliteDataReader, T> row, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var select = Command(null, sql, parameters);
        await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(row(reader));
        }

        return rows;
    }

    private SqliteCommand Command(SqliteTransaction? transaction, string sql, params (string Name, object? Value)[] parameters) =>
        EmbeddedSqlite.Command(_connection, transaction, sql, parameters);

    private Task<T> Locked<T>(Func<Task<T>> action, CancellationToken cancellationToken) =>
        EmbeddedSqlite.Exclusive(_gate, action, cancellationToken);
}
