using Payments.Application.Webhooks.Deliveries;
using Payments.Application.Webhooks.Endpoints;
using Payments.Embedded.Webhooks;
using Payments.TestServices;
using Payments.TestServices.Webhooks;

namespace Payments.Embedded.Tests.Webhooks;

public sealed class SqliteWebhookStoreContractTests : WebhookStoreContract, IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    protected override Task<(IWebhookEndpointStore Endpoints, IWebhookDeliveryStore Deliveries)> CreateStores()
    {
        var store = SqliteWebhookStore.Open(_directory.File(SqliteWebhookStore.FileName));
        return Task.FromResult<(IWebhookEndpointStore, IWebhookDeliveryStore)>((store, store));
    }
}
