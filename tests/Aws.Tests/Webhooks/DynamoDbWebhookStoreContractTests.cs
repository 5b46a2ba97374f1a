using Payments.Application.Webhooks.Deliveries;
using Payments.Application.Webhooks.Endpoints;
using Payments.Aws.Webhooks;
using Payments.TestServices;
using Payments.TestServices.Webhooks;

namespace Payments.Aws.Tests.Webhooks;

/// <summary>The store contract the SQLite store also runs, on DynamoDB Local in tables created from <see cref="DynamoDbWebhookSchema"/>.</summary>
public sealed class DynamoDbWebhookStoreContractTests(DynamoDbLocalFixture dynamo) : WebhookStoreContract, IClassFixture<DynamoDbLocalFixture>
{
    protected override async Task<(IWebhookEndpointStore Endpoints, IWebhookDeliveryStore Deliveries)> CreateStores()
    {
        var tables = DynamoDbWebhookTables.WithPrefix(DynamoDbLocal.UniquePrefix());
        await DynamoDbWebhookSchema.EnsureCreated(dynamo.Client, tables, CancellationToken.None);
        var store = new DynamoDbWebhookStore(dynamo.Client, tables);
        return (store, store);
    }
}
