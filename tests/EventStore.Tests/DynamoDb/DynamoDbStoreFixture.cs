using Payments.EventStore.Contract;
using Payments.Aws.EventStore;
using Payments.EventStore.Tests.Contract;
using Payments.TestServices;

namespace Payments.EventStore.Tests.DynamoDb;

/// <summary>One DynamoDB Local per test class with the event store's tables created under a unique prefix.</summary>
public sealed class DynamoDbStoreFixture : DynamoDbLocalFixture, IEventStoreFixture
{
    private DynamoDbEventStore? _store;

    public DynamoDbEventStoreTables Tables { get; } = DynamoDbEventStoreTables.WithPrefix(DynamoDbLocal.UniquePrefix());

    public DynamoDbEventStore Dynamo => _store ?? throw new InvalidOperationException("Fixture not initialised.");

    public IEventStore Store => Dynamo;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await DynamoDbEventStoreSchema.EnsureCreated(Client, Tables, CancellationToken.None);
        _store = new DynamoDbEventStore(Client, Tables, TimeProvider.System);
    }

    public override async Task DisposeAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        await base.DisposeAsync();
    }
}
