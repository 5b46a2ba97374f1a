using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;

namespace Payments.Aws.EventStore;

/// <summary>Idempotent table creation shared by the event store and the read-model tables.</summary>
public static class DynamoDbTables
{
    public static async Task EnsureCreated(IAmazonDynamoDB client, CreateTableRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            await client.CreateTableAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (ResourceInUseException)
        {
            // Already created (by an earlier run or a concurrent starter): wait for it like a new one.
        }

        while (true)
        {
            var table = await client.DescribeTableAsync(request.TableName, cancellationToken).ConfigureAwait(false);
            if (table.Table.TableStatus == TableStatus.ACTIVE)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
        }
    }
}
