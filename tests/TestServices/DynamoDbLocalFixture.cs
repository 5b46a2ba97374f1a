using Amazon.DynamoDBv2;
using Xunit;

namespace Payments.TestServices;

/// <summary>xunit fixture owning one DynamoDB Local and one client for a test class or collection.</summary>
public class DynamoDbLocalFixture : IAsyncLifetime
{
    private DynamoDbLocal? _local;
    private AmazonDynamoDBClient? _client;

    public DynamoDbLocal Local => _local ?? throw new InvalidOperationException("DynamoDB Local not started.");

    public IAmazonDynamoDB Client => _client ?? throw new InvalidOperationException("DynamoDB Local not started.");

    public virtual async Task InitializeAsync()
    {
        _local = await DynamoDbLocal.Start();
        _client = _local.CreateClient();
    }

    public virtual async Task DisposeAsync()
    {
        _client?.Dispose();
        if (_local is not null)
        {
            await _local.DisposeAsync();
        }
    }
}
