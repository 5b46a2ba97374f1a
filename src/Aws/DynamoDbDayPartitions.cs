using System.Globalization;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Payments.EventStore.Integrity;

namespace Payments.Aws;

/// <summary>
/// Time-range reads without a scan: an index partitioned by the UTC day of a time and sorted by that time (written as
/// <see cref="EventHashChain.FormatTime"/>, fixed width, so text order is time order) answers [from, to) with one query
/// per day. A day is one partition key, so one day's writes share a partition: fine for the volumes here.
/// </summary>
internal static class DynamoDbDayPartitions
{
    public static string DayOf(DateTimeOffset time) => time.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>Every item of <paramref name="index"/> whose time attribute is in [from, to), in time order.</summary>
    public static async Task<List<Dictionary<string, AttributeValue>>> Query(
        IAmazonDynamoDB client, string table, string index, (string Day, string Time) attributes, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        if (from >= to)
        {
            return items;
        }

        var last = to.AddTicks(-1);
        for (var day = from.UtcDateTime.Date; day <= last.UtcDateTime.Date; day = day.AddDays(1))
        {
            items.AddRange(await DynamoDbPages.Query(
                client,
                new QueryRequest
                {
                    TableName = table,
                    IndexName = index,
                    KeyConditionExpression = "#day = :day AND #time BETWEEN :from AND :last",
                    ExpressionAttributeNames = new() { ["#day"] = attributes.Day, ["#time"] = attributes.Time },
                    ExpressionAttributeValues = new()
                    {
                        [":day"] = new AttributeValue { S = DayOf(new DateTimeOffset(day, TimeSpan.Zero)) },
                        [":from"] = new AttributeValue { S = EventHashChain.FormatTime(from) },
                        [":last"] = new AttributeValue { S = EventHashChain.FormatTime(last) },
                    },
                },
                cancellationToken).ConfigureAwait(false));
        }

        return items;
    }
}
