using System.Globalization;
using System.Text;
using Amazon.DynamoDBv2.Model;

namespace Payments.Aws.EventStore;

/// <summary>
/// DynamoDB's hard limits on one append, checked before anything is sent so an oversized append is refused alone and
/// by name instead of as an opaque ValidationException after a round trip. Sizes are DynamoDB's: UTF-8 bytes of
/// attribute names and string values (not .NET's UTF-16 characters), numbers at one byte per two digits plus one.
/// </summary>
public static class DynamoDbAppendLimits
{
    /// <summary>400 KB, names and values included.</summary>
    public const int MaxItemBytes = 400 * 1024;

    public const int MaxTransactionItems = 100;

    /// <summary>4 MB, the aggregate of every item in one TransactWriteItems.</summary>
    public const int MaxTransactionBytes = 4 * 1024 * 1024;

    /// <exception cref="ArgumentException">An item or the whole transaction is over a limit; the message names it.</exception>
    public static void Check(TransactWriteItemsRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var items = request.TransactItems;
        if (items.Count > MaxTransactionItems)
        {
            throw new ArgumentException(
                $"The append needs {items.Count} DynamoDB items; a transaction holds at most {MaxTransactionItems}. Nothing was sent.", nameof(request));
        }

        long total = 0;
        foreach (var put in items.Select(i => i.Put).OfType<Put>())
        {
            var size = ItemBytes(put.Item);
            if (size > MaxItemBytes)
            {
                throw new ArgumentException(
                    string.Create(CultureInfo.InvariantCulture, $"An item for {put.TableName} ({Describe(put.Item)}) is {size:N0} bytes in UTF-8; DynamoDB's limit is {MaxItemBytes:N0} bytes (400 KB) per item. Nothing was sent."),
                    nameof(request));
            }

            total += size;
        }

        if (total > MaxTransactionBytes)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"The append is {total:N0} bytes in UTF-8; DynamoDB's limit is {MaxTransactionBytes:N0} bytes (4 MB) per transaction. Nothing was sent."),
                nameof(request));
        }
    }

    /// <summary>An item's size as DynamoDB counts it, for the scalar and string-set types this store writes.</summary>
    public static long ItemBytes(IReadOnlyDictionary<string, AttributeValue> item)
    {
        ArgumentNullException.ThrowIfNull(item);
        long size = 0;
        foreach (var (name, value) in item)
        {
            size += Encoding.UTF8.GetByteCount(name) + ValueBytes(value);
        }

        return size;
    }

    private static long ValueBytes(AttributeValue value) =>
        value.S is { } s ? Encoding.UTF8.GetByteCount(s)
        : value.N is { } n ? ((n.Length + 1) / 2) + 1
        : value.B is { } b ? b.Length
        : value.BOOL is not null || value.NULL is true ? 1
        : value.SS is { Count: > 0 } ss ? ss.Sum(x => (long)Encoding.UTF8.GetByteCount(x))
        : value.M is { Count: > 0 } m ? 3 + ItemBytes(m) + m.Count
        : value.L is { Count: > 0 } l ? 3 + l.Sum(v => ValueBytes(v) + 1)
        : 0;

    private static string Describe(Dictionary<string, AttributeValue> item) =>
        string.Join(", ", item.Where(a => a.Key is DynamoDbEventAttributes.PaymentId or DynamoDbEventAttributes.Version or DynamoDbEventAttributes.UniqueKey)
            .Select(a => $"{a.Key} {a.Value.S ?? a.Value.N}"));
}
