using System.Globalization;
using Microsoft.Data.Sqlite;
using Payments.Domain.State;
using Payments.EventStore.Integrity;
using Payments.Projections.ReadModel;

namespace Payments.Embedded.Projections;

/// <summary>Row mapping. Money is TEXT in invariant culture so no amount ever passes through a double.</summary>
internal static class SqlitePaymentRows
{
    public static PaymentRecord Read(SqliteDataReader reader) => new(
        Guid.Parse(reader.GetString(0)),
        reader.GetString(1),
        reader.GetString(2),
        Money(reader.GetString(3)),
        reader.GetString(4),
        reader.GetString(5),
        reader.GetString(6),
        Enum.Parse<PaymentStatus>(reader.GetString(7), ignoreCase: true),
        Text(reader, 8),
        Text(reader, 9) is { } stablecoin ? Money(stablecoin) : null,
        Text(reader, 10),
        Text(reader, 11) is { } payout ? Money(payout) : null,
        Text(reader, 12),
        EventHashChain.ParseTime(reader.GetString(13)),
        EventHashChain.ParseTime(reader.GetString(14)),
        Text(reader, 15) is { } processed ? EventHashChain.ParseTime(processed) : null,
        reader.GetInt64(16))
    {
        ErrorCode = Text(reader, 17),
        Attention = Text(reader, 18),
        ReversalTxId = Text(reader, 19),
    };

    public static void Bind(SqliteCommand command, PaymentRecord r)
    {
        Add(command, "$payment_id", Id(r.PaymentId));
        Add(command, "$client_id", r.ClientId);
        Add(command, "$idempotency_key", r.IdempotencyKey);
        Add(command, "$amount", Format(r.Amount));
        Add(command, "$currency", r.Currency);
        Add(command, "$source_account", r.SourceAccount);
        Add(command, "$destination_account", r.DestinationAccount);
        Add(command, "$status", Status(r.Status));
        Add(command, "$on_ramp_tx_id", r.OnRampTxId);
        Add(command, "$stablecoin_amount", r.StablecoinAmount is { } s ? Format(s) : null);
        Add(command, "$off_ramp_tx_id", r.OffRampTxId);
        Add(command, "$payout_amount", r.PayoutAmount is { } p ? Format(p) : null);
        Add(command, "$error_message", r.ErrorMessage);
        Add(command, "$created_at", EventHashChain.FormatTime(r.CreatedAt));
        Add(command, "$updated_at", EventHashChain.FormatTime(r.UpdatedAt));
        Add(command, "$processed_at", r.ProcessedAt is { } at ? EventHashChain.FormatTime(at) : null);
        Add(command, "$version", r.Version);
        Add(command, "$error_code", r.ErrorCode);
        Add(command, "$attention", r.Attention);
        Add(command, "$reversal_tx_id", r.ReversalTxId);
    }

    /// <summary>Lower-case canonical text: for UUIDv7 ids, text order is creation order.</summary>
    public static string Id(Guid id) => id.ToString("D");

    public static string Status(PaymentStatus status) => status.ToString().ToUpperInvariant();

    private static string Format(decimal amount) => amount.ToString(CultureInfo.InvariantCulture);

    private static decimal Money(string text) => decimal.Parse(text, NumberStyles.Number, CultureInfo.InvariantCulture);

    private static string? Text(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static void Add(SqliteCommand command, string name, object? value) =>
        command.Parameters.AddWithValue(name, value ?? DBNull.Value);
}
