using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Amazon.Runtime;
using Payments.TestServices;

namespace Payments.Aws.Tests.Sweeping;

/// <summary>
/// DynamoDB Local answering every query in pages of at most <paramref name="pageSize"/> items, as DynamoDB does once a page
/// reaches 1 MB: exercises the paging loop without writing a megabyte of index entries.
/// </summary>
public sealed class ShortPageDynamoDbClient(Uri serviceUrl, int pageSize) : AmazonDynamoDBClient(
    new BasicAWSCredentials(DynamoDbLocal.AccessKey, DynamoDbLocal.SecretKey),
    new AmazonDynamoDBConfig { ServiceURL = serviceUrl.ToString(), AuthenticationRegion = DynamoDbLocal.Region, MaxErrorRetry = 2 })
{
    public int Queries { get; private set; }

    public override Task<QueryResponse> QueryAsync(QueryRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        Queries++;
        request.Limit = Math.Min(request.Limit ?? int.MaxValue, pageSize);
        return base.QueryAsync(request, cancellationToken);
    }
}
