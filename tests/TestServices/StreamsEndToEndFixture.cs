using Payments.Aws.EventStore;

namespace Payments.TestServices;

/// <summary>One DynamoDB Local with the event store's tables (Streams on) for the end-to-end tests.</summary>
public sealed class StreamsEndToEndFixture : DynamoDbLocalFixture
{
    private DynamoDbEventStore? _store;

    public string Prefix { get; } = DynamoDbLocal.UniquePrefix();

    public DynamoDbEventStoreTables Tables => DynamoDbEventStoreTables.WithPrefix(Prefix);

    public DynamoDbEventStore Store => _store ?? throw new InvalidOperationException("Fixture not initialised.");

    public string StreamArn { get; private set; } = "";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await DynamoDbEventStoreSchema.EnsureCreated(Client, Tables, CancellationToken.None);
        _store = new DynamoDbEventStore(Client, Tables, TimeProvider.System);
        StreamArn = (await Client.DescribeTableAsync(Tables.Events)).Table.LatestStreamArn;
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
