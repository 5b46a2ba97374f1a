using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Payments.TestServices;

namespace Payments.Aws.Tests.Audit;

/// <summary>
/// DynamoDB Local behind the answers a busy table gives: the first <paramref name="conflicts"/> attempts of each
/// transaction cancelled for a conflicting transaction (nothing written), one key of each batch read left unprocessed,
/// and query pages of at most 7 items.
/// </summary>
public sealed class ContendedDynamoDbClient(Uri serviceUrl, int conflicts) : AmazonDynamoDBClient(
    new BasicAWSCredentials(DynamoDbLocal.AccessKey, DynamoDbLocal.SecretKey),
    new AmazonDynamoDBConfig { ServiceURL = serviceUrl.ToString(), AuthenticationRegion = DynamoDbLocal.Region, MaxErrorRetry = 0 })
{
    private readonly Dictionary<string, int> _attempts = new(StringComparer.Ordinal);

    public int Conflicted { get; private set; }

    public int UnprocessedReads { get; private set; }

    public override Task<TransactWriteItemsResponse> TransactWriteItemsAsync(TransactWriteItemsRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var attempt = _attempts[request.ClientRequestToken] = _attempts.GetValueOrDefault(request.ClientRequestToken) + 1;
        if (attempt > conflicts)
        {
            return base.TransactWriteItemsAsync(request, cancellationToken);
        }

        Conflicted++;
        throw new TransactionCanceledException("Transaction cancelled, please refer cancellation reasons for specific reasons [TransactionConflict]")
        {
            CancellationReasons = [new CancellationReason { Code = "TransactionConflict" }, .. request.TransactItems.Skip(1).Select(_ => new CancellationReason { Code = "None" })],
        };
    }

    public override async Task<BatchGetItemResponse> BatchGetItemAsync(BatchGetItemRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var (table, read) = request.RequestItems.Single();
        if (read.Keys.Count < 2)
        {
            return await base.BatchGetItemAsync(request, cancellationToken);
        }

        UnprocessedReads++;
        var served = await base.BatchGetItemAsync(
            new BatchGetItemRequest { RequestItems = new() { [table] = new KeysAndAttributes { Keys = read.Keys[..^1], ConsistentRead = read.ConsistentRead } } },
            cancellationToken);
        served.UnprocessedKeys = new() { [table] = new KeysAndAttributes { Keys = [read.Keys[^1]], ConsistentRead = read.ConsistentRead } };
        return served;
    }

    public override Task<QueryResponse> QueryAsync(QueryRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Limit = Math.Min(request.Limit ?? int.MaxValue, 7);
        return base.QueryAsync(request, cancellationToken);
    }
}
