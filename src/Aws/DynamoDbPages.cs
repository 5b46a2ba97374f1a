using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Payments.Aws;

/// <summary>
/// DynamoDB answers a query or scan one page (at most 1 MB) at a time; these read on from each page's
/// <c>LastEvaluatedKey</c> until the result is complete, so no caller repeats the loop.
/// </summary>
internal static class DynamoDbPages
{
    /// <summary>
    /// Every item the query matches, or with <paramref name="max"/> at most that many: each page then asks only for what
    /// is still missing. DynamoDB applies Limit before a filter, so a filtered page may bring fewer and reading goes on.
    /// </summary>
    public static async Task<List<Dictionary<string, AttributeValue>>> Query(
        IAmazonDynamoDB client, QueryRequest request, CancellationToken cancellationToken, int? max = null)
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        do
        {
            if (max is { } most)
            {
                request.Limit = most - items.Count;
            }

            var page = await client.QueryAsync(request, cancellationToken).ConfigureAwait(false);
            items.AddRange(page.Items ?? []);
            request.ExclusiveStartKey = Next(page.LastEvaluatedKey);
        }
        while (request.ExclusiveStartKey is not null && (max is null || items.Count < max));

        return items;
    }

    /// <summary>Every item the scan matches.</summary>
    public static async Task<List<Dictionary<string, AttributeValue>>> Scan(IAmazonDynamoDB client, ScanRequest request, CancellationToken cancellationToken)
    {
        var items = new List<Dictionary<string, AttributeValue>>();
        do
        {
            var page = await client.ScanAsync(request, cancellationToken).ConfigureAwait(false);
            items.AddRange(page.Items ?? []);
            request.ExclusiveStartKey = Next(page.LastEvaluatedKey);
        }
        while (request.ExclusiveStartKey is not null);

        return items;
    }

    private static Dictionary<string, AttributeValue>? Next(Dictionary<string, AttributeValue>? lastEvaluatedKey) =>
        lastEvaluatedKey is { Count: > 0 } ? lastEvaluatedKey : null;
}
