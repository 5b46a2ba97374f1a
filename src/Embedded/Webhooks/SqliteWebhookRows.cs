using System.Text.Json;
using Microsoft.Data.Sqlite;
using Payments.Application.Webhooks.Deliveries;
using Payments.Application.Webhooks.Endpoints;

namespace Payments.Embedded.Webhooks;

/// <summary>
/// Row mapping of the webhook store. Times are unix milliseconds, latency whole milliseconds, ids of payments
/// lower-case canonical text; an endpoint's event types are one JSON array.
/// </summary>
internal static class SqliteWebhookRows
{
    public const string EndpointColumns =
        "endpoint_id, client_id, url, event_types, description, enabled, disabled_reason, disabled_at, sealed_secret, " +
        "previous_sealed_secret, previous_secret_expires_at, failing_since, created_at, updated_at, revision";

    public const string MessageColumns = "message_id, client_id, event_type, payment_id, sequence, timestamp, payload";

    public const string DeliveryColumns =
        "delivery_id, message_id, endpoint_id, client_id, event_type, payment_id, state, attempts, round_attempts, " +
        "last_status_code, last_error, next_attempt_at, created_at, updated_at";

    public const string AttemptColumns =
        "delivery_id, attempt, message_id, endpoint_id, client_id, event_type, payment_id, at, status_code, latency_ms, error, next_attempt_at";

    /// <summary>The parameter list matching a column list: <c>a, b</c> → <c>$a, $b</c>.</summary>
    public static string Parameters(string columns) => "$" + columns.Replace(", ", ", $", StringComparison.Ordinal);

    public static WebhookEndpoint Endpoint(SqliteDataReader r) => new(
        r.GetString(0),
        r.GetString(1),
        r.GetString(2),
        JsonSerializer.Deserialize(r.GetString(3), WebhookStoreJsonContext.Default.IReadOnlyListString) ?? [],
        Text(r, 4),
        r.GetInt64(5) != 0,
        Text(r, 6),
        Time(r, 7),
        r.GetString(8),
        Text(r, 9),
        Time(r, 10),
        Time(r, 11),
        At(r, 12),
        At(r, 13),
        r.GetInt64(14));

    public static void Bind(SqliteCommand command, WebhookEndpoint e)
    {
        Add(command, "$endpoint_id", e.EndpointId);
        Add(command, "$client_id", e.ClientId);
        Add(command, "$url", e.Url);
        Add(command, "$event_types", JsonSerializer.Serialize(e.EventTypes, WebhookStoreJsonContext.Default.IReadOnlyListString));
        Add(command, "$description", e.Description);
        Add(command, "$enabled", e.Enabled ? 1 : 0);
        Add(command, "$disabled_reason", e.DisabledReason);
        Add(command, "$disabled_at", Millis(e.DisabledAt));
        Add(command, "$sealed_secret", e.SealedSecret);
        Add(command, "$previous_sealed_secret", e.PreviousSealedSecret);
        Add(command, "$previous_secret_expires_at", Millis(e.PreviousSecretExpiresAt));
        Add(command, "$failing_since", Millis(e.FailingSince));
        Add(command, "$created_at", Millis(e.CreatedAt));
        Add(command, "$updated_at", Millis(e.UpdatedAt));
        Add(command, "$revision", e.Revision);
    }

    public static WebhookMessage Message(SqliteDataReader r) => new(
        r.GetString(0),
        r.GetString(1),
        r.GetString(2),
        PaymentId(r, 3),
        r.IsDBNull(4) ? null : r.GetInt64(4),
        At(r, 5),
        r.GetString(6));

    public static void Bind(SqliteCommand command, WebhookMessage m)
    {
        Add(command, "$message_id", m.MessageId);
        Add(command, "$client_id", m.ClientId);
        Add(command, "$event_type", m.EventType);
        Add(command, "$payment_id", Id(m.PaymentId));
        Add(command, "$sequence", m.Sequence);
        Add(command, "$timestamp", Millis(m.Timestamp));
        Add(command, "$payload", m.Payload);
    }

    public static WebhookDelivery Delivery(SqliteDataReader r) => new(
        r.GetString(0),
        r.GetString(1),
        r.GetString(2),
        r.GetString(3),
        r.GetString(4),
        PaymentId(r, 5),
        Enum.Parse<WebhookDeliveryState>(r.GetString(6)),
        r.GetInt32(7),
        r.GetInt32(8),
        r.IsDBNull(9) ? null : r.GetInt32(9),
        Text(r, 10),
        Time(r, 11),
        At(r, 12),
        At(r, 13));

    public static void Bind(SqliteCommand command, WebhookDelivery d)
    {
        Add(command, "$delivery_id", d.DeliveryId);
        Add(command, "$message_id", d.MessageId);
        Add(command, "$endpoint_id", d.EndpointId);
        Add(command, "$client_id", d.ClientId);
        Add(command, "$event_type", d.EventType);
        Add(command, "$payment_id", Id(d.PaymentId));
        Add(command, "$state", d.State.ToString());
        Add(command, "$attempts", d.Attempts);
        Add(command, "$round_attempts", d.RoundAttempts);
        Add(command, "$last_status_code", d.LastStatusCode);
        Add(command, "$last_error", d.LastError);
        Add(command, "$next_attempt_at", Millis(d.NextAttemptAt));
        Add(command, "$created_at", Millis(d.CreatedAt));
        Add(command, "$updated_at", Millis(d.UpdatedAt));
    }

    public static WebhookAttempt Attempt(SqliteDataReader r) => new(
        r.GetString(0),
        r.GetInt32(1),
        r.GetString(2),
        r.GetString(3),
        r.GetString(4),
        r.GetString(5),
        PaymentId(r, 6),
        At(r, 7),
        r.IsDBNull(8) ? null : r.GetInt32(8),
        TimeSpan.FromMilliseconds(r.GetInt64(9)),
        Text(r, 10),
        Time(r, 11));

    public static void Bind(SqliteCommand command, WebhookAttempt a)
    {
        Add(command, "$delivery_id", a.DeliveryId);
        Add(command, "$attempt", a.Attempt);
        Add(command, "$message_id", a.MessageId);
        Add(command, "$endpoint_id", a.EndpointId);
        Add(command, "$client_id", a.ClientId);
        Add(command, "$event_type", a.EventType);
        Add(command, "$payment_id", Id(a.PaymentId));
        Add(command, "$at", Millis(a.At));
        Add(command, "$status_code", a.StatusCode);
        Add(command, "$latency_ms", (long)Math.Round(a.Latency.TotalMilliseconds));
        Add(command, "$error", a.Error);
        Add(command, "$next_attempt_at", Millis(a.NextAttemptAt));
    }

    public static string? Id(Guid? paymentId) => paymentId?.ToString("D");

    public static long Millis(DateTimeOffset instant) => instant.ToUnixTimeMilliseconds();

    private static long? Millis(DateTimeOffset? instant) => instant?.ToUnixTimeMilliseconds();

    private static string? Text(SqliteDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : r.GetString(ordinal);

    private static DateTimeOffset At(SqliteDataReader r, int ordinal) => DateTimeOffset.FromUnixTimeMilliseconds(r.GetInt64(ordinal));

    private static DateTimeOffset? Time(SqliteDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : At(r, ordinal);

    private static Guid? PaymentId(SqliteDataReader r, int ordinal) => r.IsDBNull(ordinal) ? null : Guid.Parse(r.GetString(ordinal));

    private static void Add(SqliteCommand command, string name, object? value) => command.Parameters.AddWithValue(name, value ?? DBNull.Value);
}
