using System.Globalization;
using Amazon.DynamoDBv2.Model;
using Payments.Domain.State;
using Payments.EventStore.Integrity;
using Payments.Projections.ReadModel;

namespace Payments.Aws.Projections;

/// <summary>Item mapping of a payments row. Money travels as DynamoDB N (a decimal string), never as a double.</summary>
public static class DynamoDbPaymentItem
{
    public const string PaymentId = "payment_id";
    public const string ClientId = "client_id";
    public const string IdempotencyKey = "idempotency_key";
    public const string Amount = "amount";
    public const string Currency = "currency";
    public const string SourceAccount = "source_account";
    public const string DestinationAccount = "destination_account";
    public const string Status = "status";
    public const string OnRampTxId = "on_ramp_tx_id";
    public const string StablecoinAmount = "stablecoin_amount";
    public const string OffRampTxId = "off_ramp_tx_id";
    public const string PayoutAmount = "payout_amount";
    public const string ErrorMessage = "error_message";
    public const string CreatedAt = "created_at";
    public const string UpdatedAt = "updated_at";
    public const string ProcessedAt = "processed_at";
    public const string Version = "version";
    public const string ErrorCode = "error_code";
    public const string Attention = "attention";
    public const string ReversalTxId = "reversal_tx_id";

    /// <summary>Present only while a payment is open, so the open-payments index holds open payments only (a sparse index).</summary>
    public const string OpenShard = "open_shard";

    public const string OpenShardValue = "open";

    /// <summary>The UTC day the payment was requested: the partition of the requested-by-day index reconciliation reads.</summary>
    public const string CreatedDay = "created_day";

    public static Dictionary<string, AttributeValue> From(PaymentRecord r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var item = new Dictionary<string, AttributeValue>
        {
            [PaymentId] = S(Id(r.PaymentId)),
            [ClientId] = S(r.ClientId),
            [IdempotencyKey] = S(r.IdempotencyKey),
            [Amount] = N(r.Amount),
            [Currency] = S(r.Currency),
            [SourceAccount] = S(r.SourceAccount),
            [DestinationAccount] = S(r.DestinationAccount),
            [Status] = S(StatusText(r.Status)),
            [CreatedAt] = S(EventHashChain.FormatTime(r.CreatedAt)),
            [CreatedDay] = S(DynamoDbDayPartitions.DayOf(r.CreatedAt)),
            [UpdatedAt] = S(EventHashChain.FormatTime(r.UpdatedAt)),
            [Version] = new AttributeValue { N = r.Version.ToString(CultureInfo.InvariantCulture) },
        };
        Optional(item, OnRampTxId, r.OnRampTxId is { } on ? S(on) : null);
        Optional(item, StablecoinAmount, r.StablecoinAmount is { } s ? N(s) : null);
        Optional(item, OffRampTxId, r.OffRampTxId is { } off ? S(off) : null);
        Optional(item, PayoutAmount, r.PayoutAmount is { } p ? N(p) : null);
        Optional(item, ErrorMessage, r.ErrorMessage is { } e ? S(e) : null);
        Optional(item, ProcessedAt, r.ProcessedAt is { } at ? S(EventHashChain.FormatTime(at)) : null);
        Optional(item, ErrorCode, r.ErrorCode is { } code ? S(code) : null);
        Optional(item, Attention, r.Attention is { } attention ? S(attention) : null);
        Optional(item, ReversalTxId, r.ReversalTxId is { } reversal ? S(reversal) : null);
        Optional(item, OpenShard, r.Status is PaymentStatus.Pending or PaymentStatus.Processing ? S(OpenShardValue) : null);
        return item;
    }

    public static PaymentRecord ToRecord(IReadOnlyDictionary<string, AttributeValue> item) => new(
        Guid.Parse(Text(item, PaymentId)!),
        Text(item, ClientId)!,
        Text(item, IdempotencyKey)!,
        Money(item, Amount)!.Value,
        Text(item, Currency)!,
        Text(item, SourceAccount)!,
        Text(item, DestinationAccount)!,
        Enum.Parse<PaymentStatus>(Text(item, Status)!, ignoreCase: true),
        Text(item, OnRampTxId),
        Money(item, StablecoinAmount),
        Text(item, OffRampTxId),
        Money(item, PayoutAmount),
        Text(item, ErrorMessage),
        EventHashChain.ParseTime(Text(item, CreatedAt)!),
        EventHashChain.ParseTime(Text(item, UpdatedAt)!),
        Text(item, ProcessedAt) is { } processed ? EventHashChain.ParseTime(processed) : null,
        long.Parse(item[Version].N, NumberStyles.Integer, CultureInfo.InvariantCulture))
    {
        ErrorCode = Text(item, ErrorCode),
        Attention = Text(item, Attention),
        ReversalTxId = Text(item, ReversalTxId),
    };

    public static string Id(Guid id) => id.ToString("D");

    public static string StatusText(PaymentStatus status) => status.ToString().ToUpperInvariant();

    private static AttributeValue S(string value) => new() { S = value };

    private static AttributeValue N(decimal value) => new() { N = value.ToString(CultureInfo.InvariantCulture) };

    private static void Optional(Dictionary<string, AttributeValue> item, string name, AttributeValue? value)
    {
        if (value is not null)
        {
            item[name] = value;
        }
    }

    private static string? Text(IReadOnlyDictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) ? value.S : null;

    private static decimal? Money(IReadOnlyDictionary<string, AttributeValue> item, string name) =>
        item.TryGetValue(name, out var value) && value.N is { } n ? decimal.Parse(n, NumberStyles.Number, CultureInfo.InvariantCulture) : null;
}
